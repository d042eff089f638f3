"""Other documents: by headings, then paragraphs packed within a size budget."""

from __future__ import annotations

from itertools import pairwise

from biseo.domain.documents.model import Heading, Span
from biseo.domain.documents.segmentation.blocks import DEFAULT_BUDGET, blocks, pack


def segment_generic(
    text: str, headings: tuple[Heading, ...], budget: int = DEFAULT_BUDGET
) -> list[tuple[str, str, Span]]:
    """``(kind, label, span)``: each window labelled by the innermost heading that contains it."""
    bounds = sorted({0, len(text), *(h.start for h in headings)})
    out: list[tuple[str, str, Span]] = []
    for start, end in pairwise(bounds):
        label = _label_at(headings, start)
        for window in pack(text, blocks(text, start, end), budget):
            out.append(("section" if label else "paragraph", label or "본문", window))
    return out


def _label_at(headings: tuple[Heading, ...], offset: int) -> str:
    inner: Heading | None = None
    for heading in headings:
        if heading.start <= offset < heading.end and (inner is None or heading.level >= inner.level):
            inner = heading
    return inner.title if inner else ""
