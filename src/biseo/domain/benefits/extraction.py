"""Deterministic drafting of conditions from 지원대상 text (보조금24), precision before coverage.

Only forms that read one way are turned into conditions: ages with the noun they qualify
(어르신 → the citizen's age; 아동·자녀 → a child in the household), 기준 중위소득 ceilings, and minimum
residence periods. A line that speaks of exclusion (제외, 제한, 불가 …) is never read, and every
condition keeps the span of text it came from. Everything else stays free text (확인 필요).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from biseo.domain.benefits.conditions import AgeRange, Children, Condition, IncomeRange, Residence, Source
from biseo.domain.benefits.rules import Group, Node

_EXCLUSION = re.compile(r"제외|제한|불가|않은|않는|아닌|미해당|중복|탈락|박탈|환수")
_DASH = r"[~∼\-–—]"
_AGE = re.compile(
    rf"(?:만\s*)?(?P<a>\d{{1,3}})\s*세(?!대)\s*(?:이상\s*)?(?:{_DASH}|부터)\s*(?:만\s*)?(?P<b>\d{{1,3}})\s*세(?!대)\s*(?P<bq>이하|미만|까지)?"
    r"|(?:만\s*)?(?P<c>\d{1,3})\s*세(?!대)\s*이상\s*(?:만\s*)?(?P<d>\d{1,3})\s*세(?!대)\s*(?P<dq>이하|미만)"
    r"|(?:만\s*)?(?P<n>\d{1,3})\s*세(?!대)\s*(?P<q>이상|초과|이하|미만)(?!\s*[~∼\-–—])"
)
_MONTHS = re.compile(
    rf"(?:생후\s*)?(?P<n>\d{{1,3}})\s*개월\s*(?P<q>이상|이하|미만|초과)(?!\s*(?:{_DASH}|거주|계속))"
)
_CHILD = re.compile(
    r"아동(?!복지|센터|시설|보호|양육시설)|자녀|아이|영유아|유아|영아|신생아|출생아|아기|미취학|초등학생|취학"
)
_PERSON = re.compile(
    r"어르신|노인|청년|청소년|주민(?!등록)|도민|시민|구민|군민|여성|남성|근로자|농업인|어업인|대상자|환자|중장년|남녀|국민"
    r"|사람|본인|신청인|인\s*자\b|인\s*자[로는에가]|세대주"
)
# Other groups named on the same line make an age or income one alternative among several, not a requirement.
_OTHER_GROUPS = re.compile(
    r"신혼부부|장애인|임산부|임신부|수급자|수급권자|차상위|한부모|보훈|유공자|보호대상|추천|다문화|북한이탈|기초연금"
)
_NOT_REQUIRED = re.compile(
    r"포함|우선|가점|예외|유족|사망|타\s*(?:시|지역|지자체|도)|다른\s*(?:시|지역)|하다가?\s|있다가|했던|한\s*명이라도|중\s*1\s*명"
    r"|채용|고용\s*중|고용한|도\s*(?:선정|지원|신청)?\s*가능|임직원|기업체|시설|센터|퇴소|및\s*(?:학부모|보호자|부모|가족)"
)
# A period of residence in the whole 시도 is not one in the current 시군구.
_WIDER_AREA = re.compile(r"도에|도내|도\s내|특별시에|광역시에|통합특별시|시도")
_THIRD_PARTY = re.compile(r"부모|배우자|유족|직원")
_SEX_SPECIFIC = re.compile(r"(?:남자|여자|남성|여성|남|여)\s*$")
_PROGRAMME = re.compile(r"(?:지원|지급|사업|검사|접종|서비스|수당|장려금|축하금)\s*(?:\([^)]*\))?\s*$")
# "다음 중 어느 하나에 해당하는": the lines that follow are alternatives, none of them is required alone.
_BULLET = re.compile(r"^\s*(?:[○ㅇ❍□◎■●◦•▶◆①-⑩]|\d{1,2}[.)]|[가-하][.)])\s*")
_LABEL = re.compile(r"^\s*\(?([^:：()]{2,16})\)?\s*[:：]")
_ATTRIBUTE = re.compile(
    r"대상|기준|자격|요건|조건|소득|연령|나이|거주|주소|재산|금액|내용|방법|기간|시기|지급|신청|선정|주택|예시|문의|제외|비고|참고"
)
_GROUP_NOUN = re.compile(
    r"어르신|노인|청년|주민(?!등록)|구민|군민|시민|도민|직장인|학생|근로자|아동|자녀|영유아|가구|세대|가정|임신부|임산부|부부"
)
_ANY_OF_FOLLOWING = re.compile(r"어느\s*하나|중\s*하나|하나\s*이상|하나에\s*해당|또는\s*다음")
_INCOME = re.compile(
    r"중위\s*소득\s*(?:의\s*)?(?P<p>\d{2,3}(?:\.\d)?)\s*(?:%|퍼센트)\s*(?P<q>이하|미만|이내)"
)
_RESIDENCE = re.compile(
    r"(?P<n>\d{1,2})\s*(?P<u>년|개월)\s*이상\s*(?:계속\s*|연속\s*|계속하여\s*)?(?:거주|주민등록)"
    r"|(?:거주\s*기간|거주한\s*기간|주민등록\s*기간)\s*(?:이\s*)?(?P<n2>\d{1,2})\s*(?P<u2>년|개월)\s*이상"
)


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    start: int


# Funeral support: the ages and residence periods named are the deceased's.
_DECEASED = re.compile(r"사망|장례|화장|분묘")
_NOTE = re.compile(r"^\s*[※*＊(（]")
_BOTH_SIDES = re.compile(r"중위\s*소득\s*(?:의\s*)?\d{2,3}(?:\.\d)?\s*(?:%|퍼센트)\s*(?:이상|초과)")


def _lines(text: str) -> list[_Line]:
    """Lines that state requirements: neither exclusions nor notes (※, *, parenthesised asides)."""
    out, offset = [], 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\n")
        if line.strip() and not _EXCLUSION.search(line) and not _NOTE.match(line):
            out.append(_Line(line, offset))
        offset += len(raw)
    return out


def extract_conditions(text: str, *, field: str = "target") -> list[Node]:
    """Conditions found in a 지원대상 text, each with its source span; alternatives become "any of"."""
    persons: list[Condition] = []
    children: list[Condition] = []
    incomes: list[IncomeRange] = []
    residences: list[Residence] = []
    lines = _lines(text)
    if _ANY_OF_FOLLOWING.search(text) or _DECEASED.search(text) or _tiered(text):
        return []
    others = bool(_OTHER_GROUPS.search(text))
    for line in lines:
        if not others:
            for subject, condition in _ages(line, field):
                (children if subject == "child" else persons).append(condition)
            children += _child_months(line, field)
            if not _BOTH_SIDES.search(text):
                incomes += _incomes(line, field)
        residences += _residences(line, field)
    nodes: list[Node] = []
    nodes += _alternatives("age", _distinct(persons))
    nodes += _alternatives("children", _merge_children(_distinct(children)))
    if incomes:
        loosest = max(incomes, key=lambda c: (c.at_most or 0, not c.strict))
        nodes.append(_with_id(loosest, "income"))
    if residences:
        nodes.append(_with_id(min(residences, key=lambda c: c.months), "residence"))
    return nodes


def _tiered(text: str) -> bool:
    """Sections that name different programmes or groups (○ 선별 검사: … ○ 진단 검사: …, ○ 구민 ○ 직장인)."""
    bullets = [line for line in text.splitlines() if _BULLET.match(line)]
    headings = [b for b in bullets if len(b.strip()) <= 40 and _PROGRAMME.search(b)]
    if len(headings) >= 2:
        return True
    labels = [m.group(1) for b in bullets if (m := _LABEL.match(_BULLET.sub("", b, count=1)))]
    programmes = [label for label in labels if not _ATTRIBUTE.search(label)]
    if len(programmes) >= 2:
        return True
    unlabelled = [b for b in bullets if not _LABEL.match(_BULLET.sub("", b, count=1))]
    return sum(1 for b in unlabelled if _GROUP_NOUN.search(b)) >= 2


def extract_income(text: str, *, field: str) -> IncomeRange | None:
    for line in _lines(text):
        m = _INCOME.search(line.text)
        if m:
            return IncomeRange(
                id="income", at_most=float(m["p"]), strict=m["q"] == "미만", source=_src(line, m, field)
            )
    return None


def _age_condition(m: re.Match[str], subject: str | None, line: _Line, field: str) -> Condition | None:
    if subject is None:
        return None
    low: int | None
    high: int | None
    if m["a"] or m["c"]:
        low, high = (int(m["a"]), int(m["b"])) if m["a"] else (int(m["c"]), int(m["d"]))
        if (m["bq"] or m["dq"]) == "미만":
            high = high - 1
    else:
        n, q = int(m["n"]), m["q"]
        low = n if q == "이상" else (n + 1 if q == "초과" else None)
        high = n if q == "이하" else (n - 1 if q == "미만" else None)
    if (low is not None and low > 120) or (high is not None and (high > 120 or high < 0)):
        return None
    if low is not None and high is not None and low > high:
        return None
    source = _src(line, m, field)
    if subject == "child":
        return Children(
            id="",
            min_months=low * 12 if low else None,
            max_months=high * 12 + 11 if high is not None else None,
            source=source,
        )
    return AgeRange(id="", minimum=low, maximum=high, source=source)


def _subject(line: str, start: int, end: int) -> str | None:
    """Whose age: the first noun after the phrase, or the noun just before a parenthesis around it."""
    after = line[end : end + 24]
    hits = [
        (m.start(), kind)
        for kind, rx in (("child", _CHILD), ("person", _PERSON))
        for m in rx.finditer(after)
        if m.start() < 14
    ]
    if hits:
        return min(hits)[1]
    before = line[max(0, start - 12) : start]
    if "(" in before[-4:]:
        head = before[: before.rfind("(")]
        if _THIRD_PARTY.search(head[-4:]):
            return None
        found = [
            (m.end(), kind)
            for kind, rx in (("child", _CHILD), ("person", _PERSON))
            for m in rx.finditer(head)
        ]
        if found:
            return max(found)[1]
    return None


def _src(line: _Line, m: re.Match[str], field: str) -> Source:
    raw = m.group(0)
    start = line.start + m.start() + (len(raw) - len(raw.lstrip()))
    text = raw.strip()
    return Source(text, field, start, start + len(text))


def _distinct(conditions: list[Condition]) -> list[Condition]:
    seen: dict[tuple[object, ...], Condition] = {}
    for c in conditions:
        key = tuple(getattr(c, k, None) for k in ("minimum", "maximum", "min_months", "max_months"))
        seen.setdefault(key, c)
    return list(seen.values())


def _merge_children(conditions: list[Condition]) -> list[Condition]:
    """'생후 3개월 이상 12세 이하' reads as one range: a lower-only and an upper-only bound merge."""
    lows = [c for c in conditions if isinstance(c, Children) and c.max_months is None]
    highs = [c for c in conditions if isinstance(c, Children) and c.min_months is None]
    if len(lows) == 1 and len(highs) >= 1 and len(lows) + len(highs) == len(conditions):
        low = lows[0]
        return [
            Children(id="", min_months=low.min_months, max_months=h.max_months, source=low.source)
            if (h.max_months or 0) >= (low.min_months or 0)
            else h
            for h in highs
        ]
    return conditions


def _alternatives(name: str, conditions: list[Condition]) -> list[Node]:
    if not conditions:
        return []
    if len(conditions) == 1:
        return [_with_id(conditions[0], name)]
    return [Group("any", tuple(_with_id(c, f"{name}_{i + 1}") for i, c in enumerate(conditions)))]


def _with_id(condition: Condition, new_id: str) -> Condition:
    from dataclasses import replace

    return replace(condition, id=new_id)


def _ages(line: _Line, field: str) -> list[tuple[str | None, Condition]]:
    """Ages in one line, with whose age they are (the applicant's or a child's)."""
    found: list[tuple[str | None, Condition]] = []
    for m in _AGE.finditer(line.text):
        subject = _subject(line.text, m.start(), m.end())
        if _NOT_REQUIRED.search(line.text[m.end() : m.end() + 24]):
            continue
        if _SEX_SPECIFIC.search(line.text[max(0, m.start() - 4) : m.start()]):
            continue
        if subject == "person" and re.match(
            r"\s*\S{0,6}?(?:노인|어르신|사람)[을를]", line.text[m.end() : m.end() + 10]
        ):
            continue  # 노인을 모시는 …: the person named is not the applicant
        condition = _age_condition(m, subject, line, field)
        if condition is not None:
            found.append((subject, condition))
    return found


def _child_months(line: _Line, field: str) -> list[Condition]:
    found: list[Condition] = []
    for m in _MONTHS.finditer(line.text):
        if _subject(line.text, m.start(), m.end()) == "child" or "생후" in m.group(0):
            n, q = int(m["n"]), m["q"]
            low = n if q == "이상" else (n + 1 if q == "초과" else None)
            high = n if q == "이하" else (n - 1 if q == "미만" else None)
            found.append(Children(id="", min_months=low, max_months=high, source=_src(line, m, field)))
    return found


def _incomes(line: _Line, field: str) -> list[IncomeRange]:
    return [
        IncomeRange(id="", at_most=float(m["p"]), strict=m["q"] == "미만", source=_src(line, m, field))
        for m in _INCOME.finditer(line.text)
        if not _NOT_REQUIRED.search(line.text[m.end() : m.end() + 24])
    ]


def _residences(line: _Line, field: str) -> list[Residence]:
    found: list[Residence] = []
    for m in _RESIDENCE.finditer(line.text):
        if _NOT_REQUIRED.search(line.text[max(0, m.start() - 30) : m.end() + 24]):
            continue
        if _WIDER_AREA.search(line.text[max(0, m.start() - 20) : m.start()]):
            continue
        count, unit = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"])
        if unit == "개월" and re.search(r"\d\s*년\s*$", line.text[: m.start()]):
            continue  # '1년 6개월': a compound period this pattern does not read
        found.append(
            Residence(id="", months=int(count) * (12 if unit == "년" else 1), source=_src(line, m, field))
        )
    return found
