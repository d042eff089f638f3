"""Amounts in 공문서 form: 금113,560원(금일십일만삼천오백육십원) — 아라비아 숫자 then the reading in 한글."""

from __future__ import annotations

_DIGITS = "영일이삼사오육칠팔구"
_SMALL = ("", "십", "백", "천")
_LARGE = ("", "만", "억", "조", "경")


def korean_reading(number: int) -> str:
    """113560 → 일십일만삼천오백육십 (every digit read, 일 included, as the 공문서 example does)."""
    if number < 0:
        raise ValueError("amounts are not negative")
    if number == 0:
        return "영"
    groups = []
    while number:
        number, group = divmod(number, 10_000)
        groups.append(group)
    if len(groups) > len(_LARGE):
        raise ValueError("amount too large")
    out = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        text = ""
        for position in range(3, -1, -1):
            digit = group // 10**position % 10
            if digit:
                text += _DIGITS[digit] + _SMALL[position]
        out.append(text + _LARGE[index])
    return "".join(out)


def amount(number: int) -> str:
    """113560 → 금113,560원(금일십일만삼천오백육십원)."""
    return f"금{number:,}원(금{korean_reading(number)}원)"
