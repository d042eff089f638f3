"""The AI audit trail in SQL (both dialects); both tables are append-only (triggers refuse changes)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from biseo.adapters.storage.codecs import from_json, to_json
from biseo.adapters.storage.database import Database
from biseo.domain.ai.audit import AuditRecord, FinalText

_COLUMNS = (
    "id, agency, actor, kind, created_at, input, output, sources, model, settings, prompt, verification"
)


class SqlAuditStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    def add_output(self, record: AuditRecord) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                f"INSERT INTO ai_outputs ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    record.agency,
                    record.actor,
                    record.kind,
                    record.created_at.isoformat(),
                    record.input,
                    record.output,
                    to_json(record.sources),
                    record.model,
                    to_json(record.settings),
                    record.prompt,
                    to_json(record.verification),
                ),
            )

    def add_final(self, output_id: str, final: FinalText) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                "INSERT INTO ai_output_finals (output_id, actor, final_text, diff, created_at) VALUES (?, ?, ?, ?, ?)",
                (output_id, final.actor, final.text, final.diff, final.created_at.isoformat()),
            )

    def output(self, output_id: str) -> AuditRecord | None:
        reader = self._db.reader()
        row = reader.one(f"SELECT {_COLUMNS} FROM ai_outputs WHERE id = ?", (output_id,))
        if row is None:
            return None
        finals = reader.all(
            "SELECT actor, final_text, diff, created_at FROM ai_output_finals WHERE output_id = ? ORDER BY seq",
            (output_id,),
        )
        return _record(row, [FinalText(f[0], f[1], f[2], _time(f[3])) for f in finals])

    def outputs(self, agency: str, kind: str | None, limit: int) -> list[AuditRecord]:
        where, params = "agency = ?", [agency]
        if kind:
            where += " AND kind = ?"
            params.append(kind)
        rows = self._db.reader().all(
            f"SELECT {_COLUMNS} FROM ai_outputs WHERE {where} ORDER BY created_at DESC, id LIMIT {int(limit)}",
            params,
        )
        return [_record(r, []) for r in rows]


def _record(r: tuple[Any, ...], finals: list[FinalText]) -> AuditRecord:
    return AuditRecord(
        r[0],
        r[1],
        r[2],
        r[3],
        _time(r[4]),
        r[5],
        r[6],
        from_json(r[7]),
        r[8],
        from_json(r[9]),
        r[10],
        from_json(r[11]),
        finals,
    )


def _time(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
