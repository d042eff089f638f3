"""The AuditStore contract (the AI audit trail): every implementation inherits this class and
provides an ``audit_store`` fixture. Records and their final texts come back as written, scoped
by agency and kind, newest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from biseo.domain.ai.audit import AuditRecord, FinalText

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)


def audit_record(
    record_id: str, *, agency: str = "중구", kind: str = "reply", minute: int = 0
) -> AuditRecord:
    return AuditRecord(
        record_id,
        agency,
        "h1",
        kind,
        T0 + timedelta(minutes=minute),
        "가로등 고장 〔전화1〕",
        "1. 가로등을 고치겠습니다 [1]  끝.",
        [{"number": 1, "label": "유사 민원 1"}],
        None,
        {"llm": False, "중첩": {"a": [1, 2]}},
        "reply.v1@3f2a",
        {"citations": 1, "verified": 1},
    )


class AuditStoreContract:
    def test_a_record_round_trips_with_its_finals_in_order(self, audit_store):
        record = audit_record("r1")
        audit_store.add_output(record)
        assert audit_store.output("r1") == record
        finals = [FinalText("h1", f"최종본 {i}  끝.", f"-a\n+{i}", T0 + timedelta(hours=i)) for i in (1, 2)]
        for final in finals:
            audit_store.add_final("r1", final)
        assert audit_store.output("r1").finals == finals

    def test_a_missing_record_is_none(self, audit_store):
        assert audit_store.output("nope") is None

    def test_listing_is_scoped_by_agency_and_kind_newest_first(self, audit_store):
        for n, (agency, kind) in enumerate([("중구", "reply"), ("중구", "report"), ("동구", "reply")]):
            audit_store.add_output(audit_record(f"r{n}", agency=agency, kind=kind, minute=n))
        assert [r.id for r in audit_store.outputs("중구", None, 10)] == ["r1", "r0"]
        assert [r.id for r in audit_store.outputs("중구", "reply", 10)] == ["r0"]
        assert [r.id for r in audit_store.outputs("중구", None, 1)] == ["r1"]
        assert audit_store.outputs("서구", None, 10) == []
