"""What search sees of a segment: its key, the text analysed and embedded, and its filter date."""

from __future__ import annotations

from biseo.domain.documents.model import Document, Segment


def segment_text(document: Document, segment: Segment) -> str:
    """A segment's label (law and article title) and its text: analysed for BM25 and embedded."""
    return f"{segment.label}\n{segment.text_in(document.text)}"


def segment_date(document: Document) -> int | None:
    """``yyyymmdd`` of the date a document is filtered by (시행 → 선고 → 보도 → 공포)."""
    d = (
        document.dates.effective
        or document.dates.decided
        or document.dates.published
        or document.dates.promulgated
    )
    return int(d.strftime("%Y%m%d")) if d else None


def segment_key(document_id: str, number: int) -> str:
    """The stable key both indexes use for a segment: ``<document id>:<segment number>``."""
    return f"{document_id}:{number}"


def parse_segment_key(key: str) -> tuple[str, int]:
    document_id, number = key.rsplit(":", 1)
    return document_id, int(number)
