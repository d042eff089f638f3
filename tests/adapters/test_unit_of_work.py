"""Every multi-statement write is one unit of work, on SQLite and PostgreSQL: a failure injected
between its statements (a later statement made to raise) leaves nothing of the earlier ones."""

from __future__ import annotations

import threading

import pytest

from biseo.adapters.storage.audit_store import SqlAuditStore
from biseo.adapters.storage.benefit_store import SqlSubscriptionStore
from biseo.adapters.storage.case_store import SqlCaseStore
from biseo.adapters.storage.document_store import SqlDocumentStore
from biseo.adapters.storage.unit_of_work import Cursor
from biseo.domain.complaints import cases as wf
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.routing import RouteSuggestion
from biseo.services.benefits.ports import Subscription
from tests.adapters.audit_store_contract import audit_record
from tests.adapters.case_store_contract import T0, attachment, new_case, stored_case
from tests.support.documents import make_document, make_segments

pytestmark = pytest.mark.integration


class Injected(RuntimeError):
    """The failure a test injects between two statements."""


@pytest.fixture
def fail_at(monkeypatch):
    """``fail_at(sql, nth)``: the ``nth`` statement starting with ``sql`` raises instead of running."""

    def arm(prefix: str, nth: int = 1) -> None:
        seen = [0]
        execute, executemany = Cursor.execute, Cursor.executemany

        def hit(sql: str) -> None:
            if sql.lstrip().startswith(prefix):
                seen[0] += 1
                if seen[0] == nth:
                    raise Injected(prefix)

        def failing_execute(self, sql, params=()):
            hit(sql)
            return execute(self, sql, params)

        def failing_executemany(self, sql, rows):
            hit(sql)
            return executemany(self, sql, rows)

        monkeypatch.setattr(Cursor, "execute", failing_execute)
        monkeypatch.setattr(Cursor, "executemany", failing_executemany)

    return arm


# --- 민원 cases ------------------------------------------------------------------------------
def test_create_keeps_no_case_or_contact_when_its_event_fails(db, fail_at):
    store = SqlCaseStore(db)
    case, event = new_case()
    fail_at("INSERT INTO case_events")
    with pytest.raises(Injected):
        store.create(case, Contact("홍길동", "010-1234-5678"), event, RouteSuggestion("건축과", 0.9))
    assert store.get("c-1") is None and store.contact("c-1") is None and store.all_cases("중구") == []


def test_update_keeps_the_old_case_when_its_event_fails(db, fail_at):
    store = SqlCaseStore(db)
    case = stored_case(store)
    started, event = wf.start(case, "h1", T0)
    fail_at("INSERT INTO case_events")
    with pytest.raises(Injected):
        store.update(started, event, expected_version=case.version)
    assert store.get("c-1") == case and len(store.events("c-1")) == 2


@pytest.mark.parametrize("failing", ["UPDATE cases", "INSERT INTO case_events"])
def test_attach_keeps_no_file_when_the_case_or_its_event_fails(db, fail_at, failing):
    store = SqlCaseStore(db)
    case = stored_case(store)
    changed, event = wf.attach(case, "h1", T0, 1, "hwpx", 5)
    fail_at(failing)
    with pytest.raises(Injected):
        store.attach(changed, event, attachment(1), expected_version=case.version)
    assert store.attachments("c-1") == [] and store.get("c-1") == case and len(store.events("c-1")) == 2


def test_link_keeps_the_earlier_link_when_its_event_fails(db, fail_at):
    store = SqlCaseStore(db)
    case = stored_case(store)
    stored_case(store, "c-0")
    same, event = wf.link(case, "h1", T0, "c-0", "repeat")
    store.link(same, event, "c-0", "repeat", 0.9)
    same, event = wf.link(case, "h1", T0, "c-0", "duplicate")
    fail_at("INSERT INTO case_events")
    with pytest.raises(Injected):
        store.link(same, event, "c-0", "duplicate", None)
    assert store.links("c-1") == [("c-0", "repeat", 0.9)] and len(store.events("c-1")) == 3


# --- 혜택알리미 -------------------------------------------------------------------------------
KEYS = [("svc", "new", ""), ("svc", "opens", "2026-11-25")]


def _subscribed(db) -> SqlSubscriptionStore:
    store = SqlSubscriptionStore(db)
    store.add_subscription(Subscription("s1", {"sido": "11"}, "email", "a@example.com"), "hash-1")
    return store


def test_claiming_alerts_claims_none_when_a_later_claim_fails(db, fail_at):
    store = _subscribed(db)
    fail_at("INSERT INTO benefit_alerts", nth=2)
    with pytest.raises(Injected):
        store.claim_alerts("s1", KEYS)
    fail_at("no statement starts like this")
    assert store.claim_alerts("s1", KEYS) == KEYS  # the first was not kept as sent


def test_releasing_alerts_releases_none_when_a_later_release_fails(db, fail_at):
    store = _subscribed(db)
    store.claim_alerts("s1", KEYS)
    fail_at("DELETE FROM benefit_alerts", nth=2)
    with pytest.raises(Injected):
        store.release_alerts("s1", KEYS)
    fail_at("no statement starts like this")
    assert store.claim_alerts("s1", KEYS) == []  # both are still claimed


# --- documents --------------------------------------------------------------------------------
def test_save_keeps_the_replaced_version_and_the_failure_note_when_its_last_statement_fails(db, fail_at):
    store = SqlDocumentStore(db)
    old = make_document(text="옛 내용 제1조", source="/data/a.md")
    old_segments = make_segments(old)
    store.save(old, old_segments)
    store.record_failure("/data/a.md", None, "corrupt", "truncated record")
    new = make_document(text="새 내용 제1조 제2조", source="/data/a.md")
    fail_at("DELETE FROM ingest_failures")
    with pytest.raises(Injected):
        store.save(new, make_segments(new, 4), replacing=old.id)
    assert store.get(new.id) is None and store.segments(new.id) == []
    assert store.get(old.id) == old and store.segments(old.id) == old_segments
    assert store.failures() == [("/data/a.md", "corrupt", "truncated record")]


def test_recording_a_failure_keeps_the_earlier_note_when_the_insert_fails(db, fail_at):
    store = SqlDocumentStore(db)
    store.record_failure("/d/bad.hwp", None, "corrupt", "truncated record")
    fail_at("INSERT INTO ingest_failures")
    with pytest.raises(Injected):
        store.record_failure("/d/bad.hwp", "ab" * 16, "encrypted", "password flag")
    assert store.failures() == [("/d/bad.hwp", "corrupt", "truncated record")]


# --- a unit of work across stores ------------------------------------------------------------
def test_one_unit_spans_stores_and_a_failure_rolls_all_of_them_back(db):
    cases, audit = SqlCaseStore(db), SqlAuditStore(db)
    case, event = new_case()
    with pytest.raises(Injected), db.unit_of_work():
        cases.create(case, Contact(), event)
        audit.add_output(audit_record("r1"))
        assert cases.get("c-1") == case  # reads inside the unit see its own writes
        raise Injected("after both writes")
    assert cases.get("c-1") is None and audit.output("r1") is None


def test_a_caught_failure_inside_a_unit_undoes_only_the_inner_write(db):
    cases, audit = SqlCaseStore(db), SqlAuditStore(db)
    case, event = new_case()
    with db.unit_of_work():
        cases.create(case, Contact(), event)
        with pytest.raises(Exception):  # noqa: B017 - each driver raises its own IntegrityError
            audit.add_output(audit_record("r1", agency=None))  # agency is NOT NULL
        audit.add_output(audit_record("r2"))
    assert cases.get("c-1") == case and audit.output("r1") is None and audit.output("r2") is not None


def test_other_threads_see_a_unit_only_once_it_commits(db):
    cases = SqlCaseStore(db)
    case, event = new_case()
    seen: list[object] = []

    def look() -> None:
        seen.append(cases.get("c-1"))

    with db.unit_of_work():
        cases.create(case, Contact(), event)
        worker = threading.Thread(target=look)
        worker.start()
        worker.join()
    look()
    assert seen == [None, case]
