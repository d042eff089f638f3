"""공문서 linter (행정업무의 운영 및 혁신에 관한 규정 시행규칙 제2조): item markers, 끝., dates, times,
amounts and 붙임, each finding with its line and column.

Item markers go 1. → 가. → 1) → 가) → (1) → (가) → ① → ㉮: a level may only open below the one in use,
starts at its first value and counts up by one. The body ends with "  끝." (two spaces before), after
the 붙임 list when there is one. Dates read 2024. 3. 29., times 14:00, amounts
금113,560원(금일십일만삼천오백육십원), attachments "붙임 1. 계획서 1부.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from biseo.domain.drafting.korean_numbers import korean_reading

HANGUL_ORDER = "가나다라마바사아자차카타파하"
CIRCLED_DIGITS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
CIRCLED_HANGUL = "㉮㉯㉰㉱㉲㉳㉴㉵㉶㉷㉸㉹㉺㉻"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class LintIssue:
    line: int  # 1-based
    column: int  # 1-based
    code: str
    message: str  # Korean, for the official
    severity: Severity = Severity.ERROR

    def format(self, name: str = "-") -> str:
        return f"{name}:{self.line}:{self.column}: {self.code} {self.message}"


# level → (pattern of the marker at the start of a line, how to read its ordinal)
_MARKERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{1,2})\.(?=\s)"), "digit"),  # 1.
    (re.compile(rf"([{HANGUL_ORDER}])\.(?=\s)"), "hangul"),  # 가.
    (re.compile(r"(\d{1,2})\)(?=\s)"), "digit"),  # 1)
    (re.compile(rf"([{HANGUL_ORDER}])\)(?=\s)"), "hangul"),  # 가)
    (re.compile(r"\((\d{1,2})\)(?=\s)"), "digit"),  # (1)
    (re.compile(rf"\(([{HANGUL_ORDER}])\)(?=\s)"), "hangul"),  # (가)
    (re.compile(rf"([{CIRCLED_DIGITS}])(?=\s|\S)"), "circled"),  # ①
    (re.compile(rf"([{CIRCLED_HANGUL}])(?=\s|\S)"), "circled_hangul"),  # ㉮
]
_MARKER_NAMES = ["1.", "가.", "1)", "가)", "(1)", "(가)", "①", "㉮"]

_BAD_DATES = [
    (re.compile(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)"), "date_separator"),
    (re.compile(r"(?<!\d)(\d{4})\.(\d{1,2})\.(\d{1,2})\.?(?![\d])"), "date_spacing"),
    (re.compile(r"(?<!\d)(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일"), "date_words"),
    (re.compile(r"(?<!\d)(\d{4})\.\s(0\d)\.\s(\d{1,2})\."), "date_zero"),
    (re.compile(r"(?<!\d)(\d{4})\.\s(\d{1,2})\.\s(0\d)\."), "date_zero"),
]
_BAD_TIMES = [
    (re.compile(r"(오전|오후)\s*(\d{1,2})시(?:\s*(\d{1,2})분)?"), "time_ampm"),
    (re.compile(r"(?<![\d:])(\d{1,2})시\s*(\d{1,2})분"), "time_words"),
    (re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})\s*(AM|PM|am|pm)"), "time_ampm"),
]
_AMOUNT = re.compile(r"금\s?(\d{1,3}(?:,\d{3})+|\d+)원(\((금[가-힣]+원)\))?")
_PLAIN_AMOUNT = re.compile(r"(?<![금\d,])(\d{1,3}(?:,\d{3})+|\d{4,})원(?!\()")
_ATTACHMENT = re.compile(r"^\s*붙임\s*(\d+\.)?\s*(.*)$")


def lint(text: str) -> list[LintIssue]:
    lines = text.splitlines()
    issues: list[LintIssue] = []
    issues += _markers(lines)
    issues += _end_mark(lines)
    for number, line in enumerate(lines, 1):
        issues += _notation(number, line)
    issues += _attachments(lines)
    return sorted(issues, key=lambda i: (i.line, i.column, i.code))


def _markers(lines: list[str]) -> list[LintIssue]:
    issues: list[LintIssue] = []
    stack: list[int] = []  # ordinal in use per open level
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        if stripped.startswith("붙임"):
            break  # numbered lines after 붙임 list attachments, not items
        indent = len(line) - len(stripped)
        found = _marker(stripped)
        if found is None:
            continue
        level, ordinal = found
        column = indent + 1
        name = _MARKER_NAMES[level]
        if level > len(stack):
            expected = _MARKER_NAMES[len(stack)] if len(stack) < len(_MARKER_NAMES) else name
            issues.append(LintIssue(number, column, "marker_skip",
                                    f"항목 기호 '{name}'가 상위 항목 없이 쓰였습니다. 이 자리에는 '{expected}' 단계가 와야 합니다."))  # fmt: skip
            stack += [0] * (level - len(stack))  # the missing levels start afresh
            stack.append(ordinal)
            continue
        if level == len(stack):  # a new, deeper level opens
            if ordinal != 1:
                issues.append(
                    LintIssue(
                        number,
                        column,
                        "marker_start",
                        f"하위 항목은 첫 번째 기호부터 시작해야 합니다 ('{name}').",
                    )
                )
            stack.append(ordinal)
            continue
        del stack[level + 1 :]  # back to a level in use
        if ordinal != stack[level] + 1:
            issues.append(
                LintIssue(
                    number,
                    column,
                    "marker_order",
                    f"항목 순서가 맞지 않습니다: {_label(level, stack[level])} 다음은 {_label(level, stack[level] + 1)}입니다.",
                )
            )
        stack[level] = ordinal
    return issues


def _marker(stripped: str) -> tuple[int, int] | None:
    for level, (pattern, kind) in enumerate(_MARKERS):
        m = pattern.match(stripped)
        if not m:
            continue
        token = m.group(1)
        if kind == "digit":
            if stripped[m.end() :].lstrip().startswith(("부", "부.")):  # "1부." is a count, not an item
                return None
            return level, int(token)
        if kind == "hangul":
            return level, HANGUL_ORDER.index(token) + 1
        if kind == "circled":
            return level, CIRCLED_DIGITS.index(token) + 1
        return level, CIRCLED_HANGUL.index(token) + 1
    return None


def _label(level: int, ordinal: int) -> str:
    template = _MARKER_NAMES[level]
    if level in (0, 2, 4):
        return template.replace("1", str(ordinal))
    if level in (1, 3, 5):
        return template.replace("가", HANGUL_ORDER[(ordinal - 1) % len(HANGUL_ORDER)])
    table = CIRCLED_DIGITS if level == 6 else CIRCLED_HANGUL
    return table[(ordinal - 1) % len(table)]


def _end_mark(lines: list[str]) -> list[LintIssue]:
    content = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    if not content:
        return [LintIssue(1, 1, "empty", "본문이 비어 있습니다.")]
    marks = [(n, line.rfind("끝.")) for n, line in content if line.rstrip().endswith("끝.")]
    last_number, last_line = content[-1]
    if not marks:
        return [
            LintIssue(
                last_number,
                len(last_line.rstrip()) + 1,
                "end_missing",
                "본문이 끝나면 두 칸 띄우고 '끝.'을 적어야 합니다.",
            )
        ]
    issues = []
    number, column = marks[-1]
    if number != last_number:
        issues.append(
            LintIssue(
                number,
                column + 1,
                "end_not_last",
                "'끝.' 뒤에 본문이 더 있습니다. '끝.'은 본문(붙임 포함)의 맨 끝에 둡니다.",
            )
        )
    line = lines[number - 1]
    before = line[:column]
    if before.strip() and not before.endswith("  "):
        issues.append(
            LintIssue(
                number, column + 1, "end_spacing", "'끝.' 앞은 두 칸(2타)을 띄웁니다.", Severity.WARNING
            )
        )
    return issues


def _notation(number: int, line: str) -> list[LintIssue]:
    issues = []
    for pattern, code in _BAD_DATES:
        for m in pattern.finditer(line):
            y, mo, d = (int(g) for g in m.groups())
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                continue
            issues.append(
                LintIssue(
                    number, m.start() + 1, code, f"날짜는 '{y}. {mo}. {d}.'처럼 적습니다 ('{m.group(0)}')."
                )
            )
    taken: list[tuple[int, int]] = []
    for pattern, code in _BAD_TIMES:
        for m in pattern.finditer(line):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue  # '오후 2시 30분' is one finding, not two
            taken.append((m.start(), m.end()))
            issues.append(
                LintIssue(
                    number, m.start() + 1, code, f"시각은 24시각제로 '14:00'처럼 적습니다 ('{m.group(0)}')."
                )
            )
    for m in _AMOUNT.finditer(line):
        value = int(m.group(1).replace(",", ""))
        expected = f"금{korean_reading(value)}원"
        if m.group(3) is None:
            issues.append(LintIssue(number, m.start() + 1, "amount_reading",
                                    f"금액 뒤 괄호 안에 한글로 적습니다: 금{value:,}원({expected}).", Severity.WARNING))  # fmt: skip
        elif m.group(3).replace(" ", "") != expected:
            issues.append(
                LintIssue(
                    number,
                    m.start(3) + 1,
                    "amount_mismatch",
                    f"금액의 한글 표기가 숫자와 다릅니다: {expected}.",
                )
            )
    for m in _PLAIN_AMOUNT.finditer(line):
        value = int(m.group(1).replace(",", ""))
        issues.append(LintIssue(number, m.start() + 1, "amount_form",
                                f"금액은 '금{value:,}원(금{korean_reading(value)}원)'처럼 적습니다.", Severity.WARNING))  # fmt: skip
    return issues


_ATTACHMENT_MORE = re.compile(r"^\s+(\d+\.)\s*(.*)$")


def _attachments(lines: list[str]) -> list[LintIssue]:
    issues = []
    numbered: list[tuple[int, int]] = []
    listing = False
    for number, line in enumerate(lines, 1):
        m = _ATTACHMENT.match(line) or (_ATTACHMENT_MORE.match(line) if listing else None)
        if not m:
            listing = False
            continue
        listing = True
        body = m.group(2).replace("끝.", "").rstrip()
        if m.group(1):
            numbered.append((number, int(m.group(1)[:-1])))
        if not re.search(r"\d+부\.$", body):
            issues.append(
                LintIssue(
                    number,
                    len(line.rstrip()) + 1,
                    "attachment_count",
                    "붙임 문서는 이름 뒤에 부수를 '1부.'처럼 적습니다.",
                )
            )
    for expected, (number, got) in enumerate(numbered, 1):
        if got != expected:
            issues.append(LintIssue(number, 1, "attachment_order", f"붙임 번호는 {expected}.이어야 합니다."))
    return issues
