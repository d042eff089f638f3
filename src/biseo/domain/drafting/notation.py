"""Rewrite dates and times into 공문서 notation (2024. 3. 29., 14:00) — used on sentences a draft
takes from other texts, so that what the linter would flag is fixed before the official sees it."""

from __future__ import annotations

import re

_DATE_WORDS = re.compile(r"(?<!\d)(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일")
_DATE_MARKS = re.compile(r"(?<![\d.])(\d{4})\s?[.\-/]\s?(\d{1,2})\s?[.\-/]\s?(\d{1,2})(?![\d])\.?")
_AMPM = re.compile(r"(오전|오후)\s*(\d{1,2})(?:시\s*(?:(\d{1,2})분)?|:(\d{2})(?:분)?)")
_CLOCK_WORDS = re.compile(r"(?<![\d:])(\d{1,2})시\s*(\d{1,2})분")


def _date(year: str, month: str, day: str) -> str | None:
    m, d = int(month), int(day)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{int(year)}. {m}. {d}."


def normalize_notation(text: str) -> str:
    def words(m: re.Match[str]) -> str:
        return _date(*m.groups()) or m.group(0)

    def marks(m: re.Match[str]) -> str:
        fixed = _date(*m.groups())
        return fixed if fixed else m.group(0)

    def ampm(m: re.Match[str]) -> str:
        hour = int(m.group(2))
        minute = int(m.group(3) or m.group(4) or 0)
        if hour > 12 or minute > 59:
            return m.group(0)
        if m.group(1) == "오후" and hour < 12:
            hour += 12
        if m.group(1) == "오전" and hour == 12:
            hour = 0
        return f"{hour:02d}:{minute:02d}"

    def clock(m: re.Match[str]) -> str:
        hour, minute = int(m.group(1)), int(m.group(2))
        return f"{hour:02d}:{minute:02d}" if hour <= 24 and minute <= 59 else m.group(0)

    text = _DATE_WORDS.sub(words, text)
    text = _DATE_MARKS.sub(marks, text)
    text = _AMPM.sub(ampm, text)
    return _CLOCK_WORDS.sub(clock, text)
