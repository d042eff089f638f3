"""The small interfaces (ports) the services need; adapters implement them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from biseo.domain.documents import Document, DocumentKind, DocumentSummary, ParsedDocument, Segment


@dataclass(frozen=True, slots=True)
class StoredVersion:
    document_id: str
    source: str


class DocumentStore(Protocol):
    """Transactional document repository (SQLite embedded, PostgreSQL in production)."""

    def version_at(self, source: str) -> StoredVersion | None:
        """The document currently stored for a source path, if any."""
        ...

    def source_of(self, document_id: str) -> str | None: ...

    def save(self, document: Document, segments: list[Segment], *, replacing: str | None = None) -> None:
        """Store a document and its segments atomically, removing ``replacing`` in the same transaction."""
        ...

    def delete(self, document_id: str) -> bool: ...

    def get(self, document_id: str) -> Document | None: ...

    def segments(self, document_id: str) -> list[Segment]: ...

    def segment(self, document_id: str, number: int) -> Segment | None: ...

    def summaries(
        self, *, kind: DocumentKind | None = None, limit: int = 50, offset: int = 0
    ) -> list[DocumentSummary]: ...

    def count(self, *, kind: DocumentKind | None = None) -> int: ...

    def record_failure(self, source: str, content_hash: str | None, code: str, detail: str) -> None: ...

    def clear_failure(self, source: str) -> None: ...

    def failures(self) -> list[tuple[str, str, str]]:
        """``(source, code, detail)`` of files whose last ingestion failed."""
        ...

    def close(self) -> None: ...


class DocumentParser(Protocol):
    version: str

    def parse(self, data: bytes, filename: str) -> ParsedDocument:
        """Parse bytes (format chosen by content); raise ``DocumentRejected`` for bad input."""
        ...
