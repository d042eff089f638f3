"""Documents, their segments and ingest failures in SQL (both dialects), on the one ``Database``.

Every write is one unit of work: a document replaces its old version, its segments and its
failure note together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from biseo.adapters.storage.codecs import to_date, to_iso, utc_now
from biseo.adapters.storage.database import Database
from biseo.adapters.storage.document_rows import (
    DOCUMENT_COLUMNS,
    SEGMENT_COLUMNS,
    document_from,
    document_row,
    segment_from,
    segment_row,
)
from biseo.domain.documents.model import (
    Document,
    DocumentKind,
    DocumentSummary,
    Passage,
    Segment,
    SourceFormat,
)
from biseo.services.ports import StoredVersion


class SqlDocumentStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    # --- writes ------------------------------------------------------------------------
    def save(self, document: Document, segments: list[Segment], *, replacing: str | None = None) -> None:
        with self._db.unit_of_work() as cur:
            if replacing and replacing != document.id:
                cur.execute("DELETE FROM documents WHERE id = ?", (replacing,))
            cur.execute("DELETE FROM documents WHERE id = ?", (document.id,))
            cur.execute(
                f"INSERT INTO documents ({DOCUMENT_COLUMNS}, ingested_at, segment_count) "
                f"VALUES ({', '.join('?' * 18)})",
                (*document_row(document), utc_now(), len(segments)),
            )
            cur.executemany(
                f"INSERT INTO segments ({SEGMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [segment_row(s) for s in segments],
            )
            cur.execute("DELETE FROM ingest_failures WHERE source = ?", (document.source,))

    def delete(self, document_id: str) -> bool:
        with self._db.unit_of_work() as cur:
            found = cur.one("SELECT id FROM documents WHERE id = ?", (document_id,))
            cur.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        return found is not None

    def record_failure(self, source: str, content_hash: str | None, code: str, detail: str) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute("DELETE FROM ingest_failures WHERE source = ?", (source,))
            cur.execute(
                "INSERT INTO ingest_failures (source, content_hash, code, detail, failed_at) VALUES (?, ?, ?, ?, ?)",
                (source, content_hash, code, detail[:2000], utc_now()),
            )

    # --- reads -------------------------------------------------------------------------
    def version_at(self, source: str) -> StoredVersion | None:
        row = self._db.reader().one("SELECT id, source FROM documents WHERE source = ?", (source,))
        return StoredVersion(row[0], row[1]) if row else None

    def source_of(self, document_id: str) -> str | None:
        row = self._db.reader().one("SELECT source FROM documents WHERE id = ?", (document_id,))
        return row[0] if row else None

    def get(self, document_id: str) -> Document | None:
        row = self._db.reader().one(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,))
        return document_from(row) if row else None

    def segments(self, document_id: str) -> list[Segment]:
        rows = self._db.reader().all(
            f"SELECT {SEGMENT_COLUMNS} FROM segments WHERE document_id = ? ORDER BY number", (document_id,)
        )
        return [segment_from(r) for r in rows]

    def segment(self, document_id: str, number: int) -> Segment | None:
        row = self._db.reader().one(
            f"SELECT {SEGMENT_COLUMNS} FROM segments WHERE document_id = ? AND number = ?",
            (document_id, number),
        )
        return segment_from(row) if row else None

    def passages(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Passage]:
        found: dict[tuple[str, int], Passage] = {}
        for start in range(0, len(keys), 200):
            chunk = list(keys[start : start + 200])
            where = " OR ".join("(s.document_id = ? AND s.number = ?)" for _ in chunk)
            rows = self._db.reader().all(
                f"SELECT {', '.join('s.' + c.strip() for c in SEGMENT_COLUMNS.split(','))}, "
                "substr(d.text, s.start_offset + 1, s.end_offset - s.start_offset), d.title, d.kind, d.agency, "
                "coalesce(d.date_effective, d.date_decided, d.date_published, d.date_promulgated) "
                f"FROM segments s JOIN documents d ON d.id = s.document_id WHERE {where}",
                [value for key in chunk for value in key],
            )
            for r in rows:
                segment = segment_from(r[:8])
                found[segment.key] = Passage(segment, r[8], r[9], DocumentKind(r[10]), r[11], to_date(r[12]))
        return found

    def summaries(
        self, *, kind: DocumentKind | None = None, limit: int = 50, offset: int = 0
    ) -> list[DocumentSummary]:
        where, params = ("WHERE kind = ?", [str(kind)]) if kind else ("", [])
        rows = self._db.reader().all(
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
                to_iso(r[8]),
            )
            for r in rows
        ]

    def count(self, *, kind: DocumentKind | None = None) -> int:
        where, params = ("WHERE kind = ?", (str(kind),)) if kind else ("", ())
        row = self._db.reader().one(f"SELECT count(*) FROM documents {where}", params)
        return int(row[0]) if row else 0

    def failures(self) -> list[tuple[str, str, str]]:
        rows = self._db.reader().all("SELECT source, code, detail FROM ingest_failures ORDER BY source")
        return [(r[0], r[1], r[2]) for r in rows]

    def document_ids(self) -> set[str]:
        return {r[0] for r in self._db.reader().all("SELECT id FROM documents")}

    def iter_documents(self, batch: int = 200) -> Iterator[Document]:
        """Every stored document, in id order (for rebuilding indexes)."""
        last = ""
        while True:
            rows = self._db.reader().all(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            )
            if not rows:
                return
            for row in rows:
                yield document_from(row)
            last = rows[-1][0]

    def close(self) -> None:
        """Close the database this store works on (the installation's one: the other stores on it
        close with it)."""
        self._db.close()
