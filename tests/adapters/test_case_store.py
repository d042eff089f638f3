"""The case store contract on SQLite, PostgreSQL and the in-memory fake of the service tests; on
the SQL stores also an audit log that cannot be rewritten and text that every database stores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from biseo.adapters.storage.case_store import SqlCaseStore
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.routing import RouteSuggestion
from tests.adapters.case_store_contract import CaseStoreContract, new_case
from tests.support.fake_case_store import FakeCaseStore

pytestmark = pytest.mark.integration


class SqlCaseStoreContract(CaseStoreContract):
    """What the SQL store promises beyond the contract (needs the ``database`` it works on)."""

    def test_the_audit_log_is_append_only(self, case_store, database):
        case, event = new_case()
        case_store.create(case, Contact(), event)
        for sql in ("UPDATE case_events SET actor = 'someone'", "DELETE FROM case_events"):
            with pytest.raises(Exception, match="append-only"), database.unit_of_work() as cur:
                cur.execute(sql)
        assert case_store.events("c-1")[0].actor == "system"

    def test_nul_and_lone_surrogates_are_stored_as_replacement_characters(self, case_store):
        """PostgreSQL refuses NUL in text and JSON; whatever path text came in by, the write succeeds,
        one character for one (offsets into a text hold), and SQLite stores the same."""
        case, event = new_case()
        case = replace(case, title="주차\x00장", content="어둡\ud800습니다")
        assert case_store.create(
            case, Contact("홍\x00길동", "010"), event, RouteSuggestion("교\x00통과", 0.5)
        )
        stored = case_store.get("c-1")
        assert stored is not None
        assert (stored.title, stored.content) == ("주차\ufffd장", "어둡\ufffd습니다")
        assert case_store.contact("c-1").name == "홍\ufffd길동"
        assert case_store.suggestion("c-1") == RouteSuggestion("교\ufffd통과", 0.5)


class TestSqliteCaseStore(SqlCaseStoreContract):
    @pytest.fixture
    def database(self, sqlite_database):
        return sqlite_database

    @pytest.fixture
    def case_store(self, database):
        return SqlCaseStore(database)


@pytest.mark.postgres
class TestPostgresCaseStore(SqlCaseStoreContract):
    @pytest.fixture
    def database(self, postgres_database):
        return postgres_database

    @pytest.fixture
    def case_store(self, database):
        return SqlCaseStore(database)


class TestInMemoryCaseStore(CaseStoreContract):
    """The fake the service tests run against keeps the same contract."""

    @pytest.fixture
    def case_store(self):
        return FakeCaseStore()
