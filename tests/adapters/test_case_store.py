"""The case store on SQLite and PostgreSQL: idempotent creation, optimistic locking, an audit log
that cannot be rewritten, contacts apart from the text, and notices claimed once."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from biseo.adapters.storage.case_store import SqlCaseStore
from biseo.domain import cases as wf
from biseo.domain.access import Staff
from biseo.domain.approval import Role
from biseo.domain.calendar import BusinessCalendar
from biseo.domain.cases import Case, CaseState
from biseo.domain.contacts import Contact
from biseo.domain.deadlines import ComplaintKind, Extension, ExtensionReason, Period
from biseo.domain.errors import Conflict
from biseo.services.case_ports import CaseFilter

CAL = BusinessCalendar.of([])
T0 = datetime(2026, 3, 9, 10, 0)


def _new(case_id="c-1", external_id=None) -> tuple[Case, wf.AuditEvent]:
    case = Case(
        case_id,
        "중구",
        "주차장 조명",
        "어둡습니다",
        ComplaintKind.GRIEVANCE,
        T0,
        Period.days(7),
        external_id=external_id,
        channel="import:x" if external_id else "api",
    )
    return wf.receive(case, "system", CAL)


def test_a_case_round_trips_with_its_contact_kept_apart(db):
    store = SqlCaseStore(db)
    case, event = _new()
    assert store.create(case, Contact("홍길동", "010-1234-5678"), event, {"primary": "교통운수과"})
    case, ev = wf.assign(case, "c1", T0, "건축과", "h1")
    store.update(case, ev, expected_version=1)
    extended, ev = wf.extend(case, "h1", T0, Extension(3, ExtensionReason.COOPERATION), CAL)
    store.update(extended, ev, expected_version=case.version)
    assert store.get("c-1") == extended
    assert store.contact("c-1") == Contact("홍길동", "010-1234-5678", None, None)
    assert store.suggestion("c-1") == {"primary": "교통운수과"}
    assert [e.action for e in store.events("c-1")] == ["receive", "assign", "extend"]
    assert [c.id for c in store.find(CaseFilter("중구", departments=frozenset({"건축과"})))] == ["c-1"]
    assert store.find(CaseFilter("중구", departments=frozenset({"교통과"}))) == []
    assert store.find(CaseFilter("동구")) == []
    assert [c.id for c in store.find(CaseFilter("중구", due_before=datetime(2026, 12, 31)))] == ["c-1"]


def test_importing_the_same_external_id_twice_creates_one_case(db):
    store = SqlCaseStore(db)
    assert store.create(*_new("a", external_id="97674")[:1], Contact(), _new("a", "97674")[1])
    case, event = _new("b", external_id="97674")
    assert store.create(case, Contact(), event) is False
    assert store.get("b") is None and len(store.all_cases("중구")) == 1


def test_a_stale_write_is_refused_and_changes_nothing(db):
    store = SqlCaseStore(db)
    case, event = _new()
    store.create(case, Contact(), event)
    first, ev1 = wf.assign(case, "c1", T0, "건축과")
    second, ev2 = wf.assign(case, "c1", T0, "교통과")
    store.update(first, ev1, expected_version=1)
    with pytest.raises(Conflict):
        store.update(second, ev2, expected_version=1)
    assert store.get("c-1").department == "건축과" and len(store.events("c-1")) == 2


def test_the_audit_log_is_append_only(db):
    store = SqlCaseStore(db)
    case, event = _new()
    store.create(case, Contact(), event)
    for sql in ("UPDATE case_events SET actor = 'someone'", "DELETE FROM case_events"):
        with pytest.raises(Exception, match="append-only"), db.transaction() as cur:
            cur.execute(sql)
    assert store.events("c-1")[0].actor == "system"


def test_staff_and_notification_claims(db):
    store = SqlCaseStore(db)
    staff = Staff("h1", "김담당", "중구", "건축과", Role.HANDLER, (), "h1@example.go.kr")
    store.add_staff(staff, "hash-1")
    assert store.staff_by_key("hash-1") == staff and store.staff_by_key("nope") is None
    assert store.replace_staff_key("h1", "hash-2") and not store.replace_staff_key("nobody", "hash-3")
    assert store.staff_by_key("hash-1") is None and store.staff_by_key("hash-2") == staff
    assert store.staff_by_key("hash-3") is None
    case, event = _new()
    store.create(case, Contact(), event)
    assert store.claim_notification("c-1", "overdue", "email", case.due_at)
    assert not store.claim_notification("c-1", "overdue", "email", case.due_at)
    store.release_notification("c-1", "overdue", "email", case.due_at)
    assert store.claim_notification("c-1", "overdue", "email", case.due_at)
    later = replace(case, due_at=datetime(2026, 4, 1, 18, 0))  # an extension makes a new notice possible
    assert store.claim_notification("c-1", "overdue", "email", later.due_at)
    assert [c.id for c in store.open_cases_due_before(datetime(2027, 1, 1))] == ["c-1"]
    closed = replace(case, state=CaseState.CLOSED, version=2)
    store.update(closed, replace(event, to_state=CaseState.CLOSED), expected_version=1)
    assert store.open_cases_due_before(datetime(2027, 1, 1)) == []


def test_answered_cases_and_their_fingerprint_follow_every_answer_edit(db):
    store = SqlCaseStore(db)
    for case_id in ("a", "b"):
        store.create(*_new(case_id)[:1], Contact(), _new(case_id)[1])
    assert store.answered_fingerprint("중구") == (0, 0) and store.answered_cases("중구") == []
    case, ev = wf.assign(store.get("a"), "c1", T0, "건축과", "h1")
    store.update(case, ev, expected_version=1)
    case, ev = wf.start(case, "h1", T0)
    store.update(case, ev, expected_version=2)
    drafted, ev = wf.draft(case, "h1", T0, "1. 답변드립니다.")
    store.update(drafted, ev, expected_version=3)
    first = store.answered_fingerprint("중구")
    assert first[0] == 1 and [c.id for c in store.answered_cases("중구")] == ["a"]
    redrafted, ev = wf.draft(drafted, "h1", T0, "1. 고쳐 답변드립니다.")
    store.update(redrafted, ev, expected_version=drafted.version)
    assert store.answered_fingerprint("중구") != first
    assert store.answered_fingerprint("동구") == (0, 0)


def test_nul_and_lone_surrogates_are_stored_on_both_databases_as_replacement_characters(db):
    """PostgreSQL refuses NUL in text and JSON; whatever path text came in by, the write succeeds,
    one character for one (offsets into a text hold), and SQLite stores the same."""
    store = SqlCaseStore(db)
    case, event = _new()
    case = replace(case, title="주차\x00장", content="어둡\ud800습니다")
    assert store.create(case, Contact("홍\x00길동", "010"), event, {"primary": "교\x00통과"})
    stored = store.get("c-1")
    assert stored is not None
    assert (stored.title, stored.content) == ("주차\ufffd장", "어둡\ufffd습니다")
    assert store.contact("c-1").name == "홍\ufffd길동"
    assert store.suggestion("c-1") == {"primary": "교\ufffd통과"}
