"""Values in and out of SQL columns, alike on both dialects (SQLite hands back text where
PostgreSQL hands back ``date``, ``datetime`` and parsed JSON)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from biseo.domain.plain_text import storable_value


def utc_now() -> str:
    """The moment of a write, UTC, as ISO text (a ``recorded_at``/``ingested_at`` column)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def to_iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime | date) else str(value)


def to_json(value: Any) -> str:
    return json.dumps(storable_value(value), ensure_ascii=False, separators=(",", ":"))


def from_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def to_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
