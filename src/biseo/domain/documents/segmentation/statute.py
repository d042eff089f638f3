"""Statutes by article (조), with 항·호·목 anchors.

``민원 처리에 관한 법률 제19조(처리기간의 계산)`` is one segment; inside it,
``①`` starts 제19조제1항, ``1.`` 제1호 and ``가.`` 가목, each an anchor with its own span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from biseo.domain.documents.model import Anchor, Span
from biseo.domain.documents.segmentation.blocks import blocks, pack

ARTICLE_LINE = re.compile(
    r"^[ \t]*(?:#+[ \t]*)?제[ \t]*(\d+)[ \t]*조(?:[ \t]*의[ \t]*(\d+))?[ \t]*(?:\(([^)\n]{0,80})\))?(?=[ \t]|$)",
    re.MULTILINE,
)
ANNEX_LINE = re.compile(r"^[ \t]*(?:#+[ \t]*)?부[ \t]*칙\b", re.MULTILINE)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_PARAGRAPH = re.compile(r"^[ \t]*([" + _CIRCLED + r"])", re.MULTILINE)
_ITEM = re.compile(r"^[ \t]*(\d+)(?:의(\d+))?\.(?=\s)", re.MULTILINE)
_SUBITEM = re.compile(r"^[ \t]*([가-하])\.(?=\s)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ArticleSegment:
    span: Span
    label: str  # 제19조(처리기간의 계산)
    article: str  # 제19조 / 제19조의2
    anchors: tuple[Anchor, ...]
    kind: str = "article"


def article_label(number: str, branch: str | None) -> str:
    return f"제{number}조" + (f"의{branch}" if branch else "")


def segment_statute(text: str) -> list[ArticleSegment]:
    annex = ANNEX_LINE.search(text)
    body_end = annex.start() if annex else len(text)
    starts = [m for m in ARTICLE_LINE.finditer(text, 0, body_end)]
    out: list[ArticleSegment] = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else body_end
        end = _before_next_heading(text, match.end(), end)
        span = Span(match.start() + _leading(text, match.start()), _rstrip(text, match.start(), end))
        article = article_label(match.group(1), match.group(2))
        title = (match.group(3) or "").strip()
        label = f"{article}({title})" if title else article
        out.append(ArticleSegment(span, label, article, tuple(_anchors(text, span, article))))
    if annex:
        for window in pack(text, blocks(text, annex.start(), len(text))):
            out.append(ArticleSegment(window, "부칙", "부칙", (), kind="annex"))
    return out


def _before_next_heading(text: str, start: int, end: int) -> int:
    """Articles end where a chapter/section heading (제N장·절·관·편) starts."""
    heading = re.compile(r"^[ \t]*(?:#+[ \t]*)?제\d+(?:편|장|절|관)(?:의\d+)?(?=\s)", re.MULTILINE)
    found = heading.search(text, start, end)
    return found.start() if found else end


def _leading(text: str, start: int) -> int:
    offset = 0
    while start + offset < len(text) and text[start + offset] in " \t#":
        offset += 1
    return offset


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _anchors(text: str, article: Span, name: str) -> list[Anchor]:
    """항 (①…), 호 (1.), 목 (가.) anchors in document order, each ending where the next peer or parent begins."""
    marks: list[tuple[int, int, str]] = []  # (offset, level, label part)
    for m in _PARAGRAPH.finditer(text, article.start, article.end):
        marks.append((m.start(1), 1, f"제{_CIRCLED.index(m.group(1)) + 1}항"))
    for m in _ITEM.finditer(text, article.start, article.end):
        marks.append((m.start(1), 2, f"제{m.group(1)}호" + (f"의{m.group(2)}" if m.group(2) else "")))
    for m in _SUBITEM.finditer(text, article.start, article.end):
        marks.append((m.start(1), 3, f"{m.group(1)}목"))
    marks.sort()
    anchors: list[Anchor] = []
    path: dict[int, str] = {}
    for i, (offset, level, part) in enumerate(marks):
        path = {lvl: p for lvl, p in path.items() if lvl < level}
        path[level] = part
        end = article.end
        for later_offset, later_level, _ in marks[i + 1 :]:
            if later_level <= level:
                end = later_offset
                break
        end = _rstrip(text, offset, end)
        label = name + "".join(path[lvl] for lvl in sorted(path))
        anchors.append(Anchor(label, offset, end))
    return anchors
