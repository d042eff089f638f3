"""Press releases (보도자료): headline, sub-headlines, body paragraphs, tables, attachments (붙임)."""

from __future__ import annotations

import re

from biseo.domain.documents.model import Span
from biseo.domain.documents.segmentation.blocks import DEFAULT_BUDGET, blocks, split_oversized

_HEADER_WORDS = re.compile(r"보도\s*(참고)?\s*자료|보도시점|배포|엠바고|보도일시|조간|석간|즉시\s*보도")
_SUBHEAD = re.compile(r"^[ \t]*[-–—‐ㅡ◇◆▷▶·•○]\s*\S", re.MULTILINE)
_ATTACHMENT = re.compile(r"^[ \t]*(?:\*\*)?붙\s*임(?=[\s.:\d①-⑳]|$)")
_TINY = 40


def _is_table(text: str, span: Span) -> bool:
    return text.startswith("|", span.start)


def segment_press_release(text: str, budget: int = DEFAULT_BUDGET) -> list[tuple[str, str, Span]]:
    out: list[tuple[str, str, Span]] = []
    headline_seen = False
    in_attachment = False
    pending: Span | None = None
    attachment_no = 0
    for block in blocks(text):
        body = text[block.start : block.end]
        if _is_table(text, block):
            if not headline_seen and _HEADER_WORDS.search(body):
                out.append(("header", "보도 정보", block))
            else:
                out.append(("table", "표", block))
            continue
        if _ATTACHMENT.match(body):
            in_attachment = True
        if not headline_seen and _HEADER_WORDS.search(body) and len(body) <= 80:
            out.append(("header", "보도 정보", block))
            continue
        if not headline_seen:
            headline_seen = True
            lines = _line_spans(text, block)
            out.append(("headline", "제목", lines[0]))
            for line in lines[1:]:
                kind = "subheadline" if _SUBHEAD.match(text, line.start) else "lead"
                out.append((kind, "부제" if kind == "subheadline" else "리드", line))
            continue
        if in_attachment:
            attachment_no += 1
            for piece in split_oversized(text, block, budget):
                out.append(("attachment", "붙임", piece))
            continue
        if pending is not None:
            block = Span(pending.start, block.end)
            pending = None
        if block.end - block.start < _TINY and not _SUBHEAD.match(text, block.start):
            pending = block
            continue
        for piece in split_oversized(text, block, budget):
            kind = (
                "subheadline"
                if _SUBHEAD.match(text, piece.start) and piece.end - piece.start < 150
                else "paragraph"
            )
            out.append((kind, "본문" if kind == "paragraph" else "소제목", piece))
    if pending is not None:
        out.append(("paragraph", "본문", pending))
    return out


def _line_spans(text: str, block: Span) -> list[Span]:
    spans: list[Span] = []
    cursor = block.start
    for line in text[block.start : block.end].split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans
