"""The AI audit trail on SQLite and PostgreSQL: the audit store contract, records and final texts
pseudonymized and scoped by agency through the trail, and never changed or deleted once written
(the database refuses)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from biseo.adapters.storage.audit_store import SqlAuditStore
from biseo.bootstrap import build_privacy
from biseo.domain.errors import NotFound
from biseo.services.ai.audit import AuditTrail
from tests.adapters.audit_store_contract import AuditStoreContract

pytestmark = pytest.mark.integration


def trail(store):
    moments = iter(datetime(2026, 11, 23, 9, tzinfo=UTC) + timedelta(minutes=i) for i in range(100))
    return AuditTrail(store, build_privacy(), lambda: next(moments))


def record(t, agency="중구", kind="reply"):
    return t.record(
        kind=kind,
        agency=agency,
        actor="h1",
        input_text="가로등 고장\n연락처 010-2345-6789로 연락 주세요.",
        output_text="1. 가로등을 고치겠습니다 [1]\n2. 문의는 010-2345-6789로 회신  끝.",
        sources=[{"number": 1, "label": "유사 민원 1"}],
        model=None,
        settings={"llm": False},
        prompt=None,
        verification={"citations": 1, "verified": 1},
    )


class SqlAuditStoreContract(AuditStoreContract):
    def test_records_are_pseudonymized_scoped_and_carry_finals(self, audit_store):
        t = trail(audit_store)
        first = record(t)
        second = record(t, kind="report")
        other = record(t, agency="동구")
        stored = t.get("중구", first)
        assert "010-2345-6789" not in stored.input + stored.output and "〔전화1〕" in stored.output
        assert (
            stored.sources == [{"number": 1, "label": "유사 민원 1"}] and stored.verification["verified"] == 1
        )
        assert [r.id for r in t.list("중구")] == [second, first]
        assert [r.id for r in t.list("중구", kind="reply")] == [first]
        with pytest.raises(NotFound):
            t.get("중구", other)
        final = t.finalize(
            "중구", "h1", first, "1. 가로등을 교체하겠습니다.\n2. 문의는 010-2345-6789로 회신  끝."
        )
        assert "-1. 가로등을 고치겠습니다 [1]" in final.diff and "+1. 가로등을 교체하겠습니다." in final.diff
        assert "010-2345-6789" not in final.text + final.diff
        assert [f.diff for f in t.get("중구", first).finals] == [final.diff]
        with pytest.raises(NotFound):
            t.finalize("동구", "b1", first, "가로챈 최종본")

    def test_the_trail_is_append_only(self, audit_store, database):
        t = trail(audit_store)
        first = record(t)
        t.finalize("중구", "h1", first, "최종본  끝.")
        for statement in (
            "UPDATE ai_outputs SET output = 'x'",
            "DELETE FROM ai_outputs",
            "UPDATE ai_output_finals SET final_text = 'x'",
            "DELETE FROM ai_output_finals",
        ):
            with pytest.raises(Exception, match="append-only"), database.unit_of_work() as cur:
                cur.execute(statement)
        assert t.get("중구", first).output.startswith("1. 가로등을 고치겠습니다")


class TestSqliteAuditStore(SqlAuditStoreContract):
    @pytest.fixture
    def database(self, sqlite_database):
        return sqlite_database

    @pytest.fixture
    def audit_store(self, database):
        return SqlAuditStore(database)


@pytest.mark.postgres
class TestPostgresAuditStore(SqlAuditStoreContract):
    @pytest.fixture
    def database(self, postgres_database):
        return postgres_database

    @pytest.fixture
    def audit_store(self, database):
        return SqlAuditStore(database)
