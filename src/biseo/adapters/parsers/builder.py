"""Assemble a document's text block by block, recording heading and page offsets as it goes."""

from __future__ import annotations

import re

from biseo.domain.documents.model import Heading, PageSpan

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")


def clean_line(text: str) -> str:
    """One line of text: control characters removed, runs of spaces folded."""
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


def clean_block(text: str) -> str:
    lines = [clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


class TextBuilder:
    """Blocks are separated by one blank line; headings are blocks that open a section."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._open: list[tuple[int, str, int]] = []  # (level, title, start)
        self._headings: list[Heading] = []
        self._pages: list[PageSpan] = []

    @property
    def length(self) -> int:
        return self._length

    def _append(self, block: str) -> int:
        if self._parts:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(block)
        self._length += len(block)
        return start

    def block(self, text: str, *, keep_lines: bool = False) -> None:
        cleaned = text.strip("\n") if keep_lines else clean_block(text)
        if cleaned.strip():
            self._append(cleaned)

    def heading(self, level: int, title: str) -> None:
        title = clean_line(title)
        if not title:
            return
        self._close(level)
        start = self._append(title)
        self._open.append((level, title, start))

    def page(self, number: int, text: str) -> None:
        start = self._length + (2 if self._parts else 0)
        before = self._length
        self.block(text)
        if self._length != before:
            self._pages.append(PageSpan(number, start, self._length))

    def _close(self, level: int) -> None:
        while self._open and self._open[-1][0] >= level:
            lvl, title, start = self._open.pop()
            self._headings.append(Heading(lvl, title, start, self._length))

    def build(self) -> tuple[str, tuple[Heading, ...], tuple[PageSpan, ...]]:
        self._close(0)
        headings = tuple(sorted(self._headings, key=lambda h: (h.start, h.level)))
        return "".join(self._parts), headings, tuple(self._pages)


def markdown_table(rows: list[list[str]]) -> str:
    """Rows of cell texts as a GitHub-style pipe table; the first row is the header."""
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return ""
    norm = [[_cell(c) for c in r] + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(norm[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in norm[1:]]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return clean_line(text.replace("\n", " ")).replace("|", "\\|")


def plausible_title(declared: str | None, text: str) -> str | None:
    """A title from a file's metadata, if it is the document's own: HWP templates carry stale ones
    ('3', '특허청', '□ 사업 개요'), so it must be two words or more and stand in a line at the top
    (not a table row)."""
    title = clean_line(declared or "")
    if len(title) < 6 or " " not in title or not any(c.isalpha() for c in title):
        return None
    top = [clean_line(line) for line in text[:2000].splitlines() if not line.lstrip().startswith("|")]
    return title if any(title in line and len(line) <= 2 * len(title) for line in top) else None
