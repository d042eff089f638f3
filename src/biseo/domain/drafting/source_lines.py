"""The lines of a document a summary may quote, their 개조식 level, and the document's own title.

Page furniture never reaches a summary: table rows (the 보도시점 and 담당 부서 tables are tables),
page numbers (``- 1 -``), 보도자료 header lines, contact lines (담당자, ☎), captions (``<사진 설명>``,
``[그림 1]``, ``〈 … 현황 〉``) and lines that are only a marker. Everything after 붙임 is an
attachment. The title is the first heading line at the top (the 보도자료 headline); the 부제 lines
under it (``- … -``, ``◇ …``) restate it and are not quoted either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

Unfinished = Callable[[str], bool] | None


class Level(StrEnum):
    TOP = "top"  # □, 1., 가.
    POINT = "point"  # ○, ㅇ, ①, 1)
    DETAIL = "detail"  # -, ·, 가)
    NOTE = "note"  # ※, *
    PLAIN = "plain"


_MARKERS = (
    (Level.NOTE, r"※|\*{1,2}(?!\*)|주\)"),
    (Level.TOP, r"[□■▣◆◇]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.|\d{1,2}\.(?!\d)(?!\s*\d{1,2}\.)|[가-하]\."),
    # ① ➀ ❶ ⑴ ㉮ and HWP's private-use bullet glyphs (󰊱) are numbered points
    (
        Level.POINT,
        r"[○◦ㅇ●◎▪▶▷►◉]|o(?=\s)|[①-⒇➀-➓❶-❿㉠-㉻\ue000-\uf8ff\U000f0000-\U000ffffd]|\(\d{1,2}\)|\d{1,2}\)",
    ),
    (Level.DETAIL, r"[-–—‐·•ㆍ∙⁃]|[가-하]\)|\([가-하]\)"),
)
_MARKER = [(level, re.compile(rf"^\s*(?:{pattern})\s*")) for level, pattern in _MARKERS]
_ANY_MARKER = re.compile("|".join(f"(?:{p})" for _, p in _MARKERS))
_ONLY_MARKERS = re.compile(rf"^(?:\s|{_ANY_MARKER.pattern}|[.,:;])*$")
_PAGE = re.compile(
    r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}\s*/\s*\d{1,3}|(?:page|p\.)\s*\d{1,3}|\d{1,3})$", re.I
)
_HEADER = re.compile(
    r"^(?:보도\s*(?:참고)?\s*자료|(?:참고|설명|해명|동정)\s*자료)$|보도\s*시점|배포\s*(?:시점|일시|즉시)"
    r"|보도\s*일시|엠바고|^(?:조간|석간|즉시)\b"
)
_CONTACT = re.compile(r"^(?:담당\s*부서|담당자|책임자|문의)")
_PHONE = re.compile(r"☎|☏|\b0\d{1,2}[-)]\s?\d{3,4}-\d{4}\b")
_CAPTION = re.compile(
    r"^[<〈《\[【(]\s*(?:사진|그림|표|도표|그래프|이미지|인포그래픽|참고)[^>〉》\]】)]*[>〉》\]】)]"
    r"|^(?:사진|그림|도표|이미지)\s*\d*\s*[.:)]|^[<〈《]\s*[^>〉》]{1,60}[>〉》]$"
)
# a line that only lists cited decisions or articles (참조판례, 참조조문, 원심판결)
_CITED = re.compile(
    r"(?:대법원|헌법재판소|[가-힣]{1,8}(?:고등|지방|행정|가정)?법원|[가-힣]{1,4}(?:고법|지법|행법))\s*"
    r"\d{4}\.\s*\d{1,2}\.\s*\d{1,2}\.?\s*(?:자|선고)?\s*\S+\s*(?:전원합의체\s*)?(?:판결|결정)(?:\([^)]*\))?"
    r"|(?:구\s*)?[가-힣·]+(?:법|령|규칙)(?:\s*시행령|\s*시행규칙)?\s*(?:\([^)]*\)\s*)?"
    r"제\d+조(?:의\d+)?(?:\s*제\d+(?:항|호))*(?:\s*\([^)]*\))?"
)
_LEFTOVER = re.compile(r"[\s,./·;:]|\[\d{1,2}\]|및|등|각|참조|\(\s*\)")
_ATTACHMENT = re.compile(r"^(?:\*\*)?붙\s*임(?=[\s.:\d①-⑳]|$)")
_SENTENCE = re.compile(r"(?:다|요)\.?[\"'”’」』)]*$")
_SUBTITLE = re.compile(r"^[-–—‐◇◆<〈(\[]")
_FULL_STOP = re.compile(r"(?:다|요)\.[\"'”’」』)]*$")
_TITLE_MAX = 150
_HEAD_LINES = 6
_TITLE_LINE = 60  # a title's second line is short; a longer one is the 부제
_LABEL = re.compile(r"【[^】\n]{1,20}】\s*")
# a title line that goes on in the next line, by its look alone (the caller may know its grammar)
_UNFINISHED = re.compile(r"(?:^.{1,12}|[,·…」｣”’])$")
_SECTION = re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|\d{1,2})\.\s")
_DATE_LINE = re.compile(r"^\d{4}\.\s*\d{1,2}\.(?:\s*\d{1,2}\.)?(?:\s*\(.\))?$")


@dataclass(frozen=True, slots=True)
class SourceLine:
    start: int  # offsets of the line in the text, leading and trailing spaces excluded
    end: int
    level: Level
    parent: int  # index (into the kept lines) of the nearest line above it that is not a detail


def level_of(line: str) -> Level:
    for level, pattern in _MARKER:
        if pattern.match(line):
            return level
    return Level.PLAIN


def strip_marker(line: str) -> str:
    for _, pattern in _MARKER:
        line = pattern.sub("", line, count=1)
    return line.rstrip(" -–—").strip()


def is_furniture(line: str) -> bool:
    """Table rows, page numbers, header and contact lines, captions, empty markers."""
    text = line.strip()
    if not text or text.startswith("|") or _ONLY_MARKERS.match(text) or _PAGE.match(text):
        return True
    bare = strip_marker(text)
    unlabelled = _LABEL.sub("", text, count=1)  # 【원심판결】 서울고법 … 판결
    if _CITED.search(unlabelled) and not _LEFTOVER.sub("", _CITED.sub("", unlabelled)):
        return True
    if len(text) <= 80 and (_HEADER.search(text) or _CAPTION.match(bare) or _CAPTION.match(text)):
        return True
    return (len(text) <= 120 and bool(_CONTACT.match(bare))) or (
        len(text) <= 60 and bool(_PHONE.search(text))
    )


def _spans(text: str) -> list[tuple[int, int]]:
    out, cursor = [], 0
    for raw in text.split("\n"):
        start, end = cursor, cursor + len(raw)
        cursor = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _is_body(line: str, first: bool = False) -> bool:
    """A line past the head of the document: a full sentence (a headline may end in 다. too, so the
    first line must be longer), a □/○ item, a section or a 【】 label."""
    if len(line) > _TITLE_MAX or line.startswith("【") or _SECTION.match(line):
        return True
    if len(line) >= (50 if first else 25) and _FULL_STOP.search(line):
        return True
    return level_of(line) in (Level.TOP, Level.POINT) and not line.startswith(("◇", "◆"))


def _is_subtitle(line: str) -> bool:
    return bool(_SUBTITLE.match(line)) or line.endswith((" -", " –", " —"))


def _head(text: str, spans: list[tuple[int, int]], unfinished: Unfinished) -> tuple[str, int]:
    """(title, number of head lines): up to two title lines at the top, then 부제 and lead lines,
    before the first body line."""
    title: list[str] = []
    count, open_ = 0, True
    for start, end in spans[:_HEAD_LINES]:
        line = text[start:end]
        if _is_body(line, first=not title):
            break
        count += 1
        if _DATE_LINE.match(line):
            continue
        goes_on = not title or (len(line) <= _TITLE_LINE and _goes_on(title[-1], unfinished))
        if open_ and goes_on and len(title) < 3 and not _is_subtitle(line):
            title.append(strip_marker(line).lstrip("\\ "))
        else:
            open_ = False
    return " ".join(title)[:_TITLE_MAX].strip(), count


def _goes_on(line: str, unfinished: Unfinished) -> bool:
    return bool(_UNFINISHED.search(line)) or (unfinished is not None and unfinished(line))


def read_lines(text: str, unfinished: Unfinished = None) -> tuple[str, list[SourceLine]]:
    """(the title found at the top, or "", the lines a summary may quote). ``unfinished`` tells a
    title line that continues on the next one (it ends in a particle, a connective or a modifier:
    ``스마트 해썹, 제조·가공 넘어`` / ``도축·집유 단계까지 확대``)."""
    spans: list[tuple[int, int]] = []
    for start, end in _spans(text):
        line = text[start:end]
        if is_furniture(line):
            continue
        if _ATTACHMENT.match(line):
            if spans:
                break
            continue
        spans.append((start, end))
    title, head = _head(text, spans, unfinished)
    lines: list[SourceLine] = []
    parent = -1
    for start, end in spans[head:]:
        label = _LABEL.match(text, start, end)  # 【이 유】 before the first sentence of a section
        if label and label.end() < end:
            start = label.end()
        level = level_of(text[start:end])
        if level is not Level.DETAIL:
            parent = len(lines)
        lines.append(SourceLine(start, end, level, parent))
    return title, lines
