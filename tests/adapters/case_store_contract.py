"""The CaseStore contract: every implementation (SQLite, PostgreSQL, the in-memory fake of the
service tests) inherits this class and provides a ``case_store`` fixture.

Idempotent creation, optimistic locking (a stale write — an attachment too — changes nothing),
contacts apart from the case, events in order, links, staff keys and notices claimed once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints import cases as wf
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.complaints.cases import Case, CaseState
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.deadlines import ComplaintKind, Extension, ExtensionReason, Period
from biseo.domain.complaints.routing import RouteSuggestion
from biseo.domain.errors import Conflict
from biseo.services.complaints.ports import Attachment, CaseFilter

CAL = BusinessCalendar.of([])
T0 = datetime(2026, 3, 9, 10, 0)


def new_case(case_id: str = "c-1", external_id: str | None = None) -> tuple[Case, wf.AuditEvent]:
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


def stored_case(store, case_id: str = "c-1") -> Case:
    """A received case, assigned to 건축과 (version 2)."""
    case, event = new_case(case_id)
    store.create(case, Contact(), event)
    assigned, event = wf.assign(case, "c1", T0, "건축과", "h1")
    store.update(assigned, event, expected_version=case.version)
    return assigned


def attachment(number: int, text: str = "첨부 본문") -> Attachment:
    return Attachment(number, f"{number:064x}", "hwpx", 1024, text)


class CaseStoreContract:
    def test_a_case_round_trips_with_its_contact_kept_apart(self, case_store):
        store = case_store
        case, event = new_case()
        assert store.create(
            case, Contact("홍길동", "010-1234-5678"), event, RouteSuggestion("교통운수과", 0.8, ("도로과",))
        )
        case, ev = wf.assign(case, "c1", T0, "건축과", "h1")
        store.update(case, ev, expected_version=1)
        extended, ev = wf.extend(case, "h1", T0, Extension(3, ExtensionReason.COOPERATION), CAL)
        store.update(extended, ev, expected_version=case.version)
        assert store.get("c-1") == extended
        assert store.contact("c-1") == Contact("홍길동", "010-1234-5678", None, None)
        assert store.suggestion("c-1") == RouteSuggestion("교통운수과", 0.8, ("도로과",))
        assert [e.action for e in store.events("c-1")] == ["receive", "assign", "extend"]
        assert [c.id for c in store.find(CaseFilter("중구", departments=frozenset({"건축과"})))] == ["c-1"]
        assert store.find(CaseFilter("중구", departments=frozenset({"교통과"}))) == []
        assert store.find(CaseFilter("동구")) == []
        assert [c.id for c in store.find(CaseFilter("중구", due_before=datetime(2026, 12, 31)))] == ["c-1"]

    def test_a_missing_case_is_none_everywhere(self, case_store):
        assert case_store.get("nope") is None and case_store.contact("nope") is None
        assert case_store.suggestion("nope") is None
        assert case_store.events("nope") == [] and case_store.attachments("nope") == []

    def test_importing_the_same_external_id_twice_creates_one_case(self, case_store):
        store = case_store
        case, event = new_case("a", external_id="97674")
        assert store.create(case, Contact(), event)
        case, event = new_case("b", external_id="97674")
        assert store.create(case, Contact(), event) is False
        assert store.get("b") is None and len(store.all_cases("중구")) == 1

    def test_a_stale_write_is_refused_and_changes_nothing(self, case_store):
        store = case_store
        case, event = new_case()
        store.create(case, Contact(), event)
        first, ev1 = wf.assign(case, "c1", T0, "건축과")
        second, ev2 = wf.assign(case, "c1", T0, "교통과")
        store.update(first, ev1, expected_version=1)
        with pytest.raises(Conflict):
            store.update(second, ev2, expected_version=1)
        assert store.get("c-1").department == "건축과" and len(store.events("c-1")) == 2

    def test_attachments_are_numbered_and_move_the_version_with_their_event(self, case_store):
        store = case_store
        case = stored_case(store)
        for number in (1, 2):
            changed, event = wf.attach(case, "h1", T0, number, "hwpx", 5)
            store.attach(changed, event, attachment(number), expected_version=case.version)
            case = changed
        assert store.attachments("c-1") == [attachment(1), attachment(2)]
        assert store.get("c-1").version == 4
        assert [e.action for e in store.events("c-1")][-2:] == ["attach", "attach"]

    def test_a_stale_attachment_raises_conflict_and_keeps_neither_file_nor_event(self, case_store):
        """The bug of issue 16: the attachment row stayed although the version check failed."""
        store = case_store
        case = stored_case(store)
        moved, event = wf.start(case, "h1", T0)
        store.update(moved, event, expected_version=case.version)  # someone else acted first
        changed, event = wf.attach(case, "h1", T0, 1, "hwpx", 5)
        with pytest.raises(Conflict):
            store.attach(changed, event, attachment(1), expected_version=case.version)
        assert store.attachments("c-1") == []
        assert [e.action for e in store.events("c-1")] == ["receive", "assign", "start"]
        assert store.get("c-1") == moved

    def test_links_replace_an_earlier_link_to_the_same_case(self, case_store):
        store = case_store
        case = stored_case(store)
        stored_case(store, "c-0")
        for relation in ("repeat", "duplicate"):
            same, event = wf.link(case, "h1", T0, "c-0", relation)
            store.link(same, event, "c-0", relation, 0.5)
        assert store.links("c-1") == [("c-0", "duplicate", 0.5)]
        assert [e.action for e in store.events("c-1")][-2:] == ["link", "link"]

    def test_staff_and_notification_claims(self, case_store):
        store = case_store
        staff = Staff("h1", "김담당", "중구", "건축과", Role.HANDLER, (), "h1@example.go.kr")
        store.add_staff(staff, "hash-1")
        assert store.staff_by_key("hash-1") == staff and store.staff_by_key("nope") is None
        assert store.replace_staff_key("h1", "hash-2") and not store.replace_staff_key("nobody", "hash-3")
        assert store.staff_by_key("hash-1") is None and store.staff_by_key("hash-2") == staff
        assert store.staff_by_key("hash-3") is None
        assert store.list_staff("중구") == [staff] and store.list_staff("동구") == []
        case, event = new_case()
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

    def test_answered_cases_and_their_fingerprint_follow_every_answer_edit(self, case_store):
        store = case_store
        for case_id in ("a", "b"):
            case, event = new_case(case_id)
            store.create(case, Contact(), event)
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
