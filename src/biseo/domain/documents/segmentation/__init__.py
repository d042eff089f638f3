"""Segmentation (분절): the units that search and citations use, as offsets into a document's text."""

from __future__ import annotations

from biseo.domain.documents.model import Anchor, Document, DocumentKind, Segment, Span
from biseo.domain.documents.segmentation.blocks import DEFAULT_BUDGET
from biseo.domain.documents.segmentation.generic import segment_generic
from biseo.domain.documents.segmentation.precedent import segment_precedent
from biseo.domain.documents.segmentation.press_release import segment_press_release
from biseo.domain.documents.segmentation.statute import segment_statute

__all__ = ["DEFAULT_BUDGET", "segment_document"]


def segment_document(document: Document, budget: int = DEFAULT_BUDGET) -> list[Segment]:
    text = document.text
    parts: list[tuple[str, str, Span, tuple[Anchor, ...]]] = []
    if document.kind.is_legislation:
        for article in segment_statute(text):
            label = f"{document.title} {article.label}"
            anchors = tuple(Anchor(f"{document.title} {a.label}", a.start, a.end) for a in article.anchors)
            parts.append((article.kind, label, article.span, anchors))
    elif document.kind is DocumentKind.PRECEDENT:
        parts = [(k, f"{document.title} {lbl}", s, ()) for k, lbl, s in segment_precedent(text, budget)]
    elif document.kind is DocumentKind.PRESS_RELEASE:
        parts = [(k, lbl, s, ()) for k, lbl, s in segment_press_release(text, budget)]
    if not parts:  # unstructured, or a statute/precedent whose structure was not found
        parts = [(k, lbl, s, ()) for k, lbl, s in segment_generic(text, document.headings, budget)]
    return [
        Segment(
            document_id=document.id,
            number=n,
            kind=kind,
            label=label,
            start=span.start,
            end=span.end,
            anchors=anchors,
            page=document.page_at(span.start),
        )
        for n, (kind, label, span, anchors) in enumerate(parts)
    ]
