"""Looking at what is stored (문서 조회)."""

from __future__ import annotations

from dataclasses import dataclass

from biseo.domain.documents.model import Document, DocumentKind, DocumentSummary, Segment
from biseo.domain.errors import NotFound
from biseo.services.ports import DocumentStore


@dataclass(frozen=True, slots=True)
class SegmentView:
    segment: Segment
    text: str
    document_title: str


@dataclass
class DocumentService:
    store: DocumentStore

    def summaries(
        self, *, kind: DocumentKind | None = None, limit: int = 50, offset: int = 0
    ) -> list[DocumentSummary]:
        return self.store.summaries(kind=kind, limit=limit, offset=offset)

    def count(self, *, kind: DocumentKind | None = None) -> int:
        return self.store.count(kind=kind)

    def get(self, document_id: str) -> Document:
        document = self.store.get(document_id)
        if document is None:
            raise NotFound(f"document {document_id!r}")
        return document

    def segments(self, document_id: str) -> list[SegmentView]:
        document = self.get(document_id)
        return [
            SegmentView(s, s.text_in(document.text), document.title) for s in self.store.segments(document_id)
        ]

    def segment(self, document_id: str, number: int) -> SegmentView:
        document = self.get(document_id)
        segment = self.store.segment(document_id, number)
        if segment is None:
            raise NotFound(f"segment {number} of document {document_id!r}")
        return SegmentView(segment, segment.text_in(document.text), document.title)

    def failures(self) -> list[tuple[str, str, str]]:
        return self.store.failures()
