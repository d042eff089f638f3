"""HTTP request/response shapes, kept apart from the domain types."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, model_validator

from biseo.domain.documents.model import Document, DocumentSummary
from biseo.domain.plain_text import clean_text, map_strings
from biseo.services.documents.service import SegmentView

MAX_OFFSET = 1_000_000_000  # rows to skip, segment numbers: far beyond any store, inside every integer column


class RequestModel(BaseModel):
    """A request body: every string in it is cleaned of control characters and broken surrogates
    before validation, so that what is stored, exported or sent to a model is text."""

    @model_validator(mode="before")
    @classmethod
    def _clean_strings(cls, data: Any) -> Any:
        return map_strings(data, clean_text)


class ErrorBody(BaseModel):
    code: str
    message: str  # Korean, for the person using the client
    detail: str  # English, for the developer


class DocumentSummaryOut(BaseModel):
    id: str
    title: str
    kind: str
    format: str
    source: str
    agency: str | None
    size_bytes: int
    segment_count: int
    ingested_at: str

    @classmethod
    def of(cls, s: DocumentSummary) -> DocumentSummaryOut:
        return cls(
            id=s.id,
            title=s.title,
            kind=s.kind,
            format=s.format,
            source=s.source,
            agency=s.agency,
            size_bytes=s.size_bytes,
            segment_count=s.segment_count,
            ingested_at=s.ingested_at,
        )


class DocumentList(BaseModel):
    total: int
    documents: list[DocumentSummaryOut]


class HeadingOut(BaseModel):
    level: int
    title: str
    start: int
    end: int


class DocumentOut(BaseModel):
    id: str
    title: str
    kind: str
    format: str
    source: str
    agency: str | None
    promulgated: date | None
    effective: date | None
    decided: date | None
    published: date | None
    metadata: dict[str, Any]
    headings: list[HeadingOut]
    size_bytes: int
    text: str | None = None

    @classmethod
    def of(cls, d: Document, *, with_text: bool) -> DocumentOut:
        return cls(
            id=d.id,
            title=d.title,
            kind=d.kind,
            format=d.format,
            source=d.source,
            agency=d.agency,
            promulgated=d.dates.promulgated,
            effective=d.dates.effective,
            decided=d.dates.decided,
            published=d.dates.published,
            metadata=d.metadata,
            size_bytes=d.size_bytes,
            headings=[HeadingOut(level=h.level, title=h.title, start=h.start, end=h.end) for h in d.headings],
            text=d.text if with_text else None,
        )


class AnchorOut(BaseModel):
    label: str
    start: int
    end: int


class SegmentOut(BaseModel):
    document_id: str
    number: int
    kind: str
    label: str
    start: int
    end: int
    page: int | None
    anchors: list[AnchorOut]
    text: str

    @classmethod
    def of(cls, v: SegmentView) -> SegmentOut:
        s = v.segment
        return cls(
            document_id=s.document_id,
            number=s.number,
            kind=s.kind,
            label=s.label,
            start=s.start,
            end=s.end,
            page=s.page,
            text=v.text,
            anchors=[AnchorOut(label=a.label, start=a.start, end=a.end) for a in s.anchors],
        )


class IngestOut(BaseModel):
    status: str
    document_id: str | None
    segments: int
    source: str
    searchable: bool = True  # False: stored, and indexed by the next sync (another writer held the index)
