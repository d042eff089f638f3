"""The AI audit store in memory, behind the same ``AuditStore`` port as the SQL one."""

from __future__ import annotations

from dataclasses import dataclass, field

from biseo.domain.ai.audit import AuditRecord, FinalText


@dataclass
class FakeAuditStore:
    records: dict[str, AuditRecord] = field(default_factory=dict)
    finals: dict[str, list[FinalText]] = field(default_factory=dict)

    def add_output(self, record: AuditRecord) -> None:
        self.records[record.id] = record

    def add_final(self, output_id: str, final: FinalText) -> None:
        self.finals.setdefault(output_id, []).append(final)

    def output(self, output_id: str) -> AuditRecord | None:
        return self.records.get(output_id)

    def outputs(self, agency: str, kind: str | None, limit: int) -> list[AuditRecord]:
        found = [r for r in self.records.values() if r.agency == agency and (kind is None or r.kind == kind)]
        return found[:limit]
