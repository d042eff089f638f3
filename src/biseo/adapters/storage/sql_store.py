"""The SQL both stores share: rows in and out of the domain types, written in one transaction per document.

Dialects differ only in connection handling, placeholders and how JSON and dates come back,
which the subclasses (``SqliteDocumentStore``, ``PostgresDocumentStore``) supply.
"""

from __future__ import annotations

import contextlib
import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from biseo.adapters.storage.migrations import MIGRATIONS
from biseo.domain.documents import (
    Anchor,
    Document,
    DocumentDates,
    DocumentKind,
    DocumentSummary,
    Heading,
    PageSpan,
    Passage,
    Segment,
    SourceFormat,
)
from biseo.domain.plain_text import storable, storable_value
from biseo.services.ports import StoredVersion

_DOC_COLUMNS = (
    "id, source, title, kind, format, agency, date_promulgated, date_effective, date_decided, "
    "date_published, metadata, headings, pages, text, size_bytes, parser"
)
_SEG_COLUMNS = "document_id, number, kind, label, start_offset, end_offset, page, anchors"

_Connection = TypeVar("_Connection")  # sqlite3 or psycopg, whichever the subclass opened


class Cursor:
    """A thin executor that rewrites ``?`` placeholders for the dialect."""

    def __init__(self, raw: Any, placeholder: str) -> None:
        self._raw = raw
        self._placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._raw.execute(self._sql(sql), _storable(params))

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self._raw.executemany(self._sql(sql), [_storable(row) for row in rows])

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None


class SqlDocumentStore(ABC):
    dialect: str

    def __init__(self) -> None:
        self._write_lock = threading.Lock()  # one writer per process
        self._local = threading.local()
        self._all_connections: list[Any] = []
        self._registry_lock = threading.Lock()

    # --- dialect hooks ---------------------------------------------------------------
    @abstractmethod
    def _connect(self) -> Any: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Cursor]: ...

    @abstractmethod
    def _reader(self) -> Cursor: ...

    def transaction(self) -> AbstractContextManager[Cursor]:
        """One write transaction under the process's writer lock (for the other stores on this database)."""
        return self._transaction()

    def reader(self) -> Cursor:
        return self._reader()

    # --- migrations --------------------------------------------------------------------
    def migrate(self, target: str | None = None) -> list[str]:
        """Apply pending migrations in order, up to and including ``target``; return the names applied."""
        applied_now: list[str] = []
        with self._transaction() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        for migration in MIGRATIONS:
            with self._transaction() as cur:
                if cur.one("SELECT name FROM schema_migrations WHERE name = ?", (migration.name,)):
                    if migration.name == target:
                        break
                    continue
                for statement in migration.statements(self.dialect):
                    cur.execute(statement)
                cur.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (migration.name, _now())
                )
            applied_now.append(migration.name)
            if migration.name == target:
                break
        return applied_now

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self._reader().all("SELECT name FROM schema_migrations ORDER BY name")]

    # --- writes ------------------------------------------------------------------------
    def save(self, document: Document, segments: list[Segment], *, replacing: str | None = None) -> None:
        with self._transaction() as cur:
            if replacing and replacing != document.id:
                cur.execute("DELETE FROM documents WHERE id = ?", (replacing,))
            cur.execute("DELETE FROM documents WHERE id = ?", (document.id,))
            cur.execute(
                f"INSERT INTO documents ({_DOC_COLUMNS}, ingested_at, segment_count) "
                f"VALUES ({', '.join('?' * 18)})",
                (*_document_row(document), _now(), len(segments)),
            )
            cur.executemany(
                f"INSERT INTO segments ({_SEG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [_segment_row(s) for s in segments],
            )
            cur.execute("DELETE FROM ingest_failures WHERE source = ?", (document.source,))

    def delete(self, document_id: str) -> bool:
        with self._transaction() as cur:
            found = cur.one("SELECT id FROM documents WHERE id = ?", (document_id,))
            cur.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        return found is not None

    def record_failure(self, source: str, content_hash: str | None, code: str, detail: str) -> None:
        with self._transaction() as cur:
            cur.execute("DELETE FROM ingest_failures WHERE source = ?", (source,))
            cur.execute(
                "INSERT INTO ingest_failures (source, content_hash, code, detail, failed_at) VALUES (?, ?, ?, ?, ?)",
                (source, content_hash, code, detail[:2000], _now()),
            )

    def clear_failure(self, source: str) -> None:
        with self._transaction() as cur:
            cur.execute("DELETE FROM ingest_failures WHERE source = ?", (source,))

    # --- reads -------------------------------------------------------------------------
    def version_at(self, source: str) -> StoredVersion | None:
        row = self._reader().one("SELECT id, source FROM documents WHERE source = ?", (source,))
        return StoredVersion(row[0], row[1]) if row else None

    def source_of(self, document_id: str) -> str | None:
        row = self._reader().one("SELECT source FROM documents WHERE id = ?", (document_id,))
        return row[0] if row else None

    def get(self, document_id: str) -> Document | None:
        row = self._reader().one(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (document_id,))
        return _document_from(row) if row else None

    def segments(self, document_id: str) -> list[Segment]:
        rows = self._reader().all(
            f"SELECT {_SEG_COLUMNS} FROM segments WHERE document_id = ? ORDER BY number", (document_id,)
        )
        return [_segment_from(r) for r in rows]

    def segment(self, document_id: str, number: int) -> Segment | None:
        row = self._reader().one(
            f"SELECT {_SEG_COLUMNS} FROM segments WHERE document_id = ? AND number = ?", (document_id, number)
        )
        return _segment_from(row) if row else None

    def passages(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Passage]:
        found: dict[tuple[str, int], Passage] = {}
        for start in range(0, len(keys), 200):
            chunk = list(keys[start : start + 200])
            where = " OR ".join("(s.document_id = ? AND s.number = ?)" for _ in chunk)
            rows = self._reader().all(
                f"SELECT {', '.join('s.' + c.strip() for c in _SEG_COLUMNS.split(','))}, "
                "substr(d.text, s.start_offset + 1, s.end_offset - s.start_offset), d.title, d.kind, d.agency, "
                "coalesce(d.date_effective, d.date_decided, d.date_published, d.date_promulgated) "
                f"FROM segments s JOIN documents d ON d.id = s.document_id WHERE {where}",
                [value for key in chunk for value in key],
            )
            for r in rows:
                segment = _segment_from(r[:8])
                found[segment.key] = Passage(segment, r[8], r[9], DocumentKind(r[10]), r[11], _date(r[12]))
        return found

    def summaries(
        self, *, kind: DocumentKind | None = None, limit: int = 50, offset: int = 0
    ) -> list[DocumentSummary]:
        where, params = ("WHERE kind = ?", [str(kind)]) if kind else ("", [])
        rows = self._reader().all(
            "SELECT id, title, kind, format, source, agency, size_bytes, segment_count, ingested_at "
            f"FROM documents {where} ORDER BY ingested_at DESC, id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [
            DocumentSummary(
                r[0],
                r[1],
                DocumentKind(r[2]),
                SourceFormat(r[3]),
                r[4],
                r[5],
                int(r[6]),
                int(r[7]),
                _iso(r[8]),
            )
            for r in rows
        ]

    def count(self, *, kind: DocumentKind | None = None) -> int:
        where, params = ("WHERE kind = ?", (str(kind),)) if kind else ("", ())
        row = self._reader().one(f"SELECT count(*) FROM documents {where}", params)
        return int(row[0]) if row else 0

    def failures(self) -> list[tuple[str, str, str]]:
        rows = self._reader().all("SELECT source, code, detail FROM ingest_failures ORDER BY source")
        return [(r[0], r[1], r[2]) for r in rows]

    def document_ids(self) -> set[str]:
        return {r[0] for r in self._reader().all("SELECT id FROM documents")}

    def iter_documents(self, batch: int = 200) -> Iterator[Document]:
        """Every stored document, in id order (for rebuilding indexes)."""
        last = ""
        while True:
            rows = self._reader().all(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            )
            if not rows:
                return
            for row in rows:
                yield _document_from(row)
            last = rows[-1][0]

    # --- connections -------------------------------------------------------------------
    def _remember(self, connection: _Connection) -> _Connection:
        with self._registry_lock:
            self._all_connections.append(connection)
        return connection

    def close(self) -> None:
        with self._registry_lock:
            for connection in self._all_connections:
                with contextlib.suppress(Exception):  # closing is best effort
                    connection.close()
            self._all_connections.clear()
        self._local = threading.local()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime | date) else str(value)


def _storable(params: Sequence[Any]) -> tuple[Any, ...]:
    """Every string parameter without NUL or lone surrogates, which PostgreSQL refuses (and SQLite
    is made to store alike): whatever path text came in by, a write never fails on it."""
    return tuple(storable(p) if isinstance(p, str) else p for p in params)


def _json(value: Any) -> str:
    return json.dumps(storable_value(value), ensure_ascii=False, separators=(",", ":"))


def _unjson(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _document_row(d: Document) -> tuple[Any, ...]:
    dates = d.dates
    return (
        d.id,
        d.source,
        d.title,
        str(d.kind),
        str(d.format),
        d.agency,
        *(
            x.isoformat() if x else None
            for x in (dates.promulgated, dates.effective, dates.decided, dates.published)
        ),
        _json(d.metadata),
        _json([[h.level, h.title, h.start, h.end] for h in d.headings]),
        _json([[p.number, p.start, p.end] for p in d.pages]),
        d.text,
        d.size_bytes,
        d.parser,
    )


def _document_from(r: tuple[Any, ...]) -> Document:
    return Document(
        id=r[0],
        source=r[1],
        title=r[2],
        kind=DocumentKind(r[3]),
        format=SourceFormat(r[4]),
        agency=r[5],
        dates=DocumentDates(_date(r[6]), _date(r[7]), _date(r[8]), _date(r[9])),
        metadata=_unjson(r[10]),
        headings=tuple(Heading(*h) for h in _unjson(r[11])),
        pages=tuple(PageSpan(*p) for p in _unjson(r[12])),
        text=r[13],
        size_bytes=int(r[14]),
        parser=r[15],
    )


def _segment_row(s: Segment) -> tuple[Any, ...]:
    anchors = _json([[a.label, a.start, a.end] for a in s.anchors])
    return (s.document_id, s.number, s.kind, s.label, s.start, s.end, s.page, anchors)


def _segment_from(r: tuple[Any, ...]) -> Segment:
    return Segment(
        document_id=r[0],
        number=int(r[1]),
        kind=r[2],
        label=r[3],
        start=int(r[4]),
        end=int(r[5]),
        page=r[6],
        anchors=tuple(Anchor(*a) for a in _unjson(r[7])),
    )
