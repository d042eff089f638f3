"""How a 공문서 line is set on the page, read from its own marker: one rule for DOCX and HWPX.

개조식 보고서: □ at the margin (bold), ○ one character in, - two, ※ under the line it annotates.
공문서 항목: 1. → 가. → 1) → 가) → (1) → (가) → ① → ㉮, each level one character (2타) further in.
A wrapped line starts under the text, not under the marker (내어쓰기, a hanging indent), so the
leading spaces an author typed are dropped and the indent is a paragraph property.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from biseo.domain.drafting.report import Block, Paragraph, Role, Table, block_text

BODY_PT = 15.0  # 공문서 본문 (휴먼명조·함초롬바탕 15pt class)
TITLE_PT = 20.0
HEADING_PT = 16.0
NOTE_PT = 13.0
TABLE_PT = 12.0


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True, slots=True)
class Shape:
    """A paragraph's look; indents in em of the body size (1 em = one Hangul character)."""

    size_pt: float = BODY_PT
    bold: bool = False
    align: Align = Align.JUSTIFY
    left_em: float = 0.0  # where wrapped lines start
    hanging_em: float = 0.0  # how far the first line (the marker) starts left of them
    space_before_pt: float = 0.0


@dataclass(frozen=True, slots=True)
class SetLine:
    text: str  # without the leading spaces
    shape: Shape


TITLE = Shape(TITLE_PT, True, Align.CENTER, space_before_pt=0.0)
_ROLE_SHAPES = {
    Role.HEADLINE: Shape(HEADING_PT + 2, True, Align.CENTER, space_before_pt=6.0),
    Role.DATELINE: Shape(NOTE_PT, False, Align.RIGHT),
}

# (pattern, outline depth) — 공문서 항목 기호, most specific first
_OUTLINE = (
    (re.compile(r"\d{1,2}\.\s"), 0),
    (re.compile(r"[가나다라마바사아자차카타파하]\.\s"), 1),
    (re.compile(r"\d{1,2}\)\s"), 2),
    (re.compile(r"[가나다라마바사아자차카타파하]\)\s"), 3),
    (re.compile(r"\(\d{1,2}\)\s"), 4),
    (re.compile(r"\([가나다라마바사아자차카타파하]\)\s"), 5),
    (re.compile(r"[\u2460-\u2473]\s?"), 6),  # ① … ⑳
    (re.compile(r"[\u326e-\u327b]\s?"), 7),  # ㉮ … ㉻
)
# 개조식 기호: marker → (depth, bold, size)
_HEADING = (0, True, HEADING_PT)
_BULLETS = {
    **dict.fromkeys("□■◇◆", _HEADING),
    **dict.fromkeys("○ㅇ◦●", (1, False, BODY_PT)),
    **dict.fromkeys("-–·•", (2, False, BODY_PT)),
}
_ROMAN = re.compile(r"[\u2160-\u2169]\.")  # Ⅰ. … Ⅹ.
_MARKER = re.compile(r"(\S{1,3})\s")


def set_blocks(blocks: list[Block]) -> list[SetLine | Table]:
    """Every block with its shape; a ※ note sits under the line before it when it was indented."""
    out: list[SetLine | Table] = []
    depth = -1  # depth of the last marked line
    for block in blocks:
        if isinstance(block, Table):
            out.append(block)
            continue
        line, depth = _set(block, depth)
        if out and isinstance(out[-1], Table):  # air between a table and the text under it
            line = SetLine(
                line.text, replace(line.shape, space_before_pt=max(line.shape.space_before_pt, 6.0))
            )
        out.append(line)
    return out


def _set(block: str | Paragraph, previous: int) -> tuple[SetLine, int]:
    raw = block_text(block)
    text = raw.strip()
    if isinstance(block, Paragraph):
        return SetLine(text, _ROLE_SHAPES[block.role]), previous
    for pattern, depth in _OUTLINE:
        found = pattern.match(text)
        if found:
            return SetLine(text, _hanging(depth, found.group(0), BODY_PT)), depth
    if text[:1] and text[0] in "※*":
        depth = previous + 1 if raw[:1].isspace() and previous >= 0 else 0
        marker = text[: 2 if text[1:2] == " " else 1]
        return SetLine(text, _hanging(depth, marker, NOTE_PT)), previous
    found = _MARKER.match(text)
    token = found.group(1) if found else ""
    bullet = _HEADING if _ROMAN.fullmatch(token) else _BULLETS.get(token)
    if found and bullet:
        depth, bold, size = bullet
        return SetLine(text, _hanging(depth, found.group(0), size, bold)), depth
    return SetLine(text, Shape()), previous


def _hanging(depth: int, marker: str, size: float, bold: bool = False) -> Shape:
    hanging = width_em(marker) * size / BODY_PT
    before = 6.0 if bold and depth == 0 else 0.0  # a □ heading opens a new part
    return Shape(size, bold, Align.JUSTIFY, depth + hanging, hanging, before)


def width_em(text: str) -> float:
    """Approximate advance of ``text`` in em (Hangul and full-width symbols 1, Latin about half)."""
    total = 0.0
    for ch in text:
        if ch == " ":
            total += 0.3
        elif ord(ch) < 0x80:
            total += 0.3 if ch in ".,()-'" else 0.55
        else:
            total += 1.0
    return total
