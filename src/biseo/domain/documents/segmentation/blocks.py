"""Text blocks (문단) and packing them into segments within a size budget."""

from __future__ import annotations

import re
from collections.abc import Iterator

from biseo.domain.documents.model import Span

DEFAULT_BUDGET = 1200  # characters; about 600–900 tokens of Korean for common LLM tokenizers

_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n")
_SENTENCE_END = re.compile(r"(?<=[다요음함됨임까]\.)\s+|(?<=[.!?。])\s+|\n")


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Paragraph-like blocks (separated by blank lines) within ``text[start:end]``, trimmed."""
    end = len(text) if end is None else end
    found: list[Span] = []
    cursor = start
    for match in _BLANK_LINES.finditer(text, start, end):
        span = trim(text, cursor, match.start())
        if span:
            found.append(span)
        cursor = match.end()
    span = trim(text, cursor, end)
    if span:
        found.append(span)
    return found


def trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def split_oversized(text: str, span: Span, budget: int) -> Iterator[Span]:
    """Split one block longer than ``budget`` at sentence ends, or hard at the budget."""
    start = span.start
    while span.end - start > budget:
        limit = start + budget
        cut = None
        for match in _SENTENCE_END.finditer(text, start + budget // 3, limit):
            cut = match.start()
        if cut is None or cut <= start:
            cut = limit
        piece = trim(text, start, cut)
        if piece:
            yield piece
        start = cut
    piece = trim(text, start, span.end)
    if piece:
        yield piece


def pack(text: str, spans: list[Span], budget: int = DEFAULT_BUDGET) -> list[Span]:
    """Join consecutive blocks into windows of at most ``budget`` characters (one block may exceed it only if split)."""
    windows: list[Span] = []
    current: Span | None = None
    for block in spans:
        for piece in split_oversized(text, block, budget) if block.end - block.start > budget else [block]:
            if current is None:
                current = piece
            elif piece.end - current.start <= budget:
                current = Span(current.start, piece.end)
            else:
                windows.append(current)
                current = piece
    if current is not None:
        windows.append(current)
    return windows
