"""Ordered, named schema migrations for both dialects. Never edit an applied one: add the next."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sqlite: str
    postgres: str

    def statements(self, dialect: str) -> list[str]:
        sql = self.sqlite if dialect == "sqlite" else self.postgres
        return [s.strip() for s in sql.split(";") if s.strip()]


_DOCUMENTS = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    format TEXT NOT NULL,
    agency TEXT,
    date_promulgated {date},
    date_effective {date},
    date_decided {date},
    date_published {date},
    metadata {json} NOT NULL,
    headings {json} NOT NULL,
    pages {json} NOT NULL,
    text TEXT NOT NULL,
    size_bytes {bigint} NOT NULL,
    parser TEXT NOT NULL,
    ingested_at {timestamp} NOT NULL
);
CREATE INDEX documents_kind ON documents (kind);
CREATE INDEX documents_agency ON documents (agency);
CREATE TABLE segments (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    page INTEGER,
    anchors {json} NOT NULL,
    PRIMARY KEY (document_id, number),
    CHECK (0 <= start_offset AND start_offset <= end_offset)
)
"""

_FAILURES_AND_COUNTS = """
CREATE TABLE ingest_failures (
    source TEXT PRIMARY KEY,
    content_hash TEXT,
    code TEXT NOT NULL,
    detail TEXT NOT NULL,
    failed_at {timestamp} NOT NULL
);
ALTER TABLE documents ADD COLUMN segment_count INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET segment_count = (SELECT count(*) FROM segments WHERE segments.document_id = documents.id)
"""

_SQLITE_TYPES = {"date": "TEXT", "json": "TEXT", "bigint": "INTEGER", "timestamp": "TEXT"}
_PG_TYPES = {"date": "DATE", "json": "JSONB", "bigint": "BIGINT", "timestamp": "TIMESTAMPTZ"}

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_documents_and_segments", _DOCUMENTS.format(**_SQLITE_TYPES), _DOCUMENTS.format(**_PG_TYPES)
    ),
    Migration(
        "0002_ingest_failures_and_segment_counts",
        _FAILURES_AND_COUNTS.format(**_SQLITE_TYPES),
        _FAILURES_AND_COUNTS.format(**_PG_TYPES),
    ),
)
