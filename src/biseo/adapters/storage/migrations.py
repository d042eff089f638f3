"""Ordered, named schema migrations for both dialects. Never edit an applied one: add the next."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sqlite: str
    postgres: str

    def statements(self, dialect: str) -> list[str]:
        """Statements end with ``;`` at the end of a line (a trigger body keeps its ``;`` inside a line)."""
        sql = self.sqlite if dialect == "sqlite" else self.postgres
        return [s.strip() for s in re.split(r";[ \t]*(?:\n|$)", sql) if s.strip()]


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

_CASES = """
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    agency TEXT NOT NULL,
    department TEXT,
    role TEXT NOT NULL,
    units {json} NOT NULL,
    email TEXT,
    key_hash TEXT NOT NULL UNIQUE,
    created_at {timestamp} NOT NULL
);
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    department TEXT,
    handler TEXT,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    received_at {local} NOT NULL,
    period_amount INTEGER NOT NULL,
    period_unit TEXT NOT NULL,
    state TEXT NOT NULL,
    due_at {local},
    pauses {json} NOT NULL,
    extensions {json} NOT NULL,
    supplement_since {local},
    answer TEXT NOT NULL,
    approvals {json} NOT NULL,
    closed_at {local},
    transferred_from {json} NOT NULL,
    channel TEXT NOT NULL,
    external_id TEXT,
    complainant_key TEXT,
    suggestion {json},
    version INTEGER NOT NULL,
    updated_at {timestamp} NOT NULL,
    UNIQUE (channel, external_id)
);
CREATE INDEX cases_agency_department ON cases (agency, department, state);
CREATE INDEX cases_due ON cases (state, due_at);
CREATE INDEX cases_complainant ON cases (agency, complainant_key);
CREATE TABLE case_contacts (
    case_id TEXT PRIMARY KEY REFERENCES cases (id),
    name TEXT,
    phone TEXT,
    email TEXT,
    address TEXT
);
CREATE TABLE case_events (
    id {serial},
    case_id TEXT NOT NULL REFERENCES cases (id),
    at {local} NOT NULL,
    recorded_at {timestamp} NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    detail {json} NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE TABLE case_attachments (
    case_id TEXT NOT NULL REFERENCES cases (id),
    number INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    format TEXT NOT NULL,
    size_bytes {bigint} NOT NULL,
    text TEXT NOT NULL,
    added_at {timestamp} NOT NULL,
    PRIMARY KEY (case_id, number)
);
CREATE TABLE case_links (
    case_id TEXT NOT NULL REFERENCES cases (id),
    earlier_id TEXT NOT NULL REFERENCES cases (id),
    relation TEXT NOT NULL,
    similarity REAL,
    PRIMARY KEY (case_id, earlier_id)
);
CREATE TABLE case_notifications (
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    due_at {local} NOT NULL,
    sent_at {timestamp} NOT NULL,
    PRIMARY KEY (case_id, kind, channel, due_at)
);
{append_only}
"""

_BENEFIT_ALERTS = """
CREATE TABLE benefit_subscriptions (
    id TEXT PRIMARY KEY,
    profile {json} NOT NULL,
    channel TEXT NOT NULL,
    address TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1,
    created_at {timestamp} NOT NULL,
    last_run {date}
);
CREATE TABLE benefit_alerts (
    subscription_id TEXT NOT NULL REFERENCES benefit_subscriptions (id) ON DELETE CASCADE,
    service_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    alert_key TEXT NOT NULL,
    sent_at {timestamp} NOT NULL,
    PRIMARY KEY (subscription_id, service_id, kind, alert_key)
)
"""

_AI_AUDIT = """
CREATE TABLE ai_outputs (
    id TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at {timestamp} NOT NULL,
    input TEXT NOT NULL,
    output TEXT NOT NULL,
    sources {json} NOT NULL,
    model TEXT,
    settings {json} NOT NULL,
    prompt TEXT,
    verification {json} NOT NULL
);
CREATE INDEX ai_outputs_by_agency ON ai_outputs (agency, created_at);
CREATE TABLE ai_output_finals (
    seq {serial},
    output_id TEXT NOT NULL REFERENCES ai_outputs (id),
    actor TEXT NOT NULL,
    final_text TEXT NOT NULL,
    diff TEXT NOT NULL,
    created_at {timestamp} NOT NULL
);
{append_only}
"""

_SQLITE_AI_APPEND_ONLY = """
CREATE TRIGGER ai_outputs_no_update BEFORE UPDATE ON ai_outputs BEGIN SELECT RAISE(ABORT, 'ai_outputs is append-only'); END;
CREATE TRIGGER ai_outputs_no_delete BEFORE DELETE ON ai_outputs BEGIN SELECT RAISE(ABORT, 'ai_outputs is append-only'); END;
CREATE TRIGGER ai_output_finals_no_update BEFORE UPDATE ON ai_output_finals BEGIN SELECT RAISE(ABORT, 'ai_output_finals is append-only'); END;
CREATE TRIGGER ai_output_finals_no_delete BEFORE DELETE ON ai_output_finals BEGIN SELECT RAISE(ABORT, 'ai_output_finals is append-only'); END
"""

_PG_AI_APPEND_ONLY = """
CREATE FUNCTION biseo_ai_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the AI audit trail is append-only'; END $$;
CREATE TRIGGER ai_outputs_append_only BEFORE UPDATE OR DELETE ON ai_outputs FOR EACH ROW EXECUTE FUNCTION biseo_ai_append_only();
CREATE TRIGGER ai_output_finals_append_only BEFORE UPDATE OR DELETE ON ai_output_finals FOR EACH ROW EXECUTE FUNCTION biseo_ai_append_only()
"""

_SQLITE_APPEND_ONLY = """
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END
"""

_PG_APPEND_ONLY = """
CREATE FUNCTION biseo_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'case_events is append-only'; END $$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION biseo_append_only()
"""

_SECURITY = """
CREATE TABLE api_clients (
    key_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at {timestamp} NOT NULL,
    last_used_at {timestamp},
    revoked_at {timestamp}
);
CREATE INDEX api_clients_by_name ON api_clients (name);
CREATE TABLE rate_counters (
    bucket TEXT PRIMARY KEY,
    window_start {bigint} NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE access_log (
    id {serial},
    at {timestamp} NOT NULL,
    principal TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    address TEXT NOT NULL
);
CREATE INDEX access_log_by_principal ON access_log (principal, id)
"""

_SQLITE_TYPES = {
    "date": "TEXT",
    "json": "TEXT",
    "bigint": "INTEGER",
    "timestamp": "TEXT",
    "local": "TEXT",
    "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
}
_PG_TYPES = {
    "date": "DATE",
    "json": "JSONB",
    "bigint": "BIGINT",
    "timestamp": "TIMESTAMPTZ",
    "local": "TIMESTAMP",  # Korean local time of the office, as the law counts it
    "serial": "BIGSERIAL PRIMARY KEY",
}

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_documents_and_segments", _DOCUMENTS.format(**_SQLITE_TYPES), _DOCUMENTS.format(**_PG_TYPES)
    ),
    Migration(
        "0002_ingest_failures_and_segment_counts",
        _FAILURES_AND_COUNTS.format(**_SQLITE_TYPES),
        _FAILURES_AND_COUNTS.format(**_PG_TYPES),
    ),
    Migration(
        "0003_complaint_cases",
        _CASES.format(**_SQLITE_TYPES, append_only=_SQLITE_APPEND_ONLY),
        _CASES.format(**_PG_TYPES, append_only=_PG_APPEND_ONLY),
    ),
    Migration(
        "0004_benefit_alerts", _BENEFIT_ALERTS.format(**_SQLITE_TYPES), _BENEFIT_ALERTS.format(**_PG_TYPES)
    ),
    Migration(
        "0005_ai_audit_trail",
        _AI_AUDIT.format(**_SQLITE_TYPES, append_only=_SQLITE_AI_APPEND_ONLY),
        _AI_AUDIT.format(**_PG_TYPES, append_only=_PG_AI_APPEND_ONLY),
    ),
    Migration(
        "0006_api_clients_limits_access_log", _SECURITY.format(**_SQLITE_TYPES), _SECURITY.format(**_PG_TYPES)
    ),
)
