"""Case specifics (사안별 특정 정보): the names, addresses, places, dates, plates, phone numbers, case
numbers and amounts that belong to one 민원 and must never reach another citizen's reply.

A sentence reused from a past answer keeps a specific only when the current complaint states the same
value; a value of which the current complaint states exactly one of its kind takes its place (주소, 장소,
차량번호); the rest become neutral wording (``해당 장소``, ``해당 일자``) with the particle after it
corrected, or the sentence is dropped (another person's name, a phone number, a case number, or too many
specifics to leave a sentence worth keeping). Finding the spans is the caller's (patterns here, plus a
personal-data detector and proper-noun tags in the adapter); this module decides what to do with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class SpecificKind(StrEnum):
    NAME = "name"  # 성명
    ADDRESS = "address"  # 도로명·지번 주소
    PLACE = "place"  # 상호·시설·지명 (롯데마트 항동점, 신흥풍림아파트, 운북동)
    DATE = "date"
    TIME = "time"
    PLATE = "plate"  # 차량번호
    PHONE = "phone"
    CASE_NUMBER = "case_number"  # 접수번호·민원번호·문서번호
    AMOUNT = "amount"


@dataclass(frozen=True, slots=True)
class Specific:
    kind: SpecificKind
    start: int
    end: int
    text: str


NEUTRAL = {
    SpecificKind.ADDRESS: "해당 주소지",
    SpecificKind.PLACE: "해당 장소",
    SpecificKind.DATE: "해당 일자",
    SpecificKind.TIME: "해당 시간",
    SpecificKind.PLATE: "해당 차량",
    SpecificKind.AMOUNT: "해당 금액",
}
# substituted by the complaint's own value when it states exactly one of the kind
SUBSTITUTABLE = {SpecificKind.ADDRESS, SpecificKind.PLACE, SpecificKind.PLATE}
# never rewritten into another case's reply: the sentence goes
DROP_KINDS = {SpecificKind.PHONE, SpecificKind.CASE_NUMBER}
MAX_REWRITES = 2  # more foreign specifics than this and the sentence is about that other case

_DATE = (
    r"(?:19|20)\d{2}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}\s*(?:일|\.)?"
    r"|(?:19|20)\d{2}\s*[.년]\s*\d{1,2}\s*(?:월|\.)(?!\s*\d)"
    r"|(?:19|20)\d{2}\s*년도?"
    r"|(?:'|’)\d{2}\.\s*\d{1,2}\.(?:\s*\d{1,2}\.)?"
    r"|\d{1,2}\s*월\s*\d{1,2}\s*일"
    r"|\d{1,2}\s*월\s*(?:초|중순|말|경)"
    r"|(?:지난|이번|다음|오는)\s*(?:달|주)\s*\d{1,2}\s*일"
)
# a noun ends here: no more Hangul, or only a particle (한빛마트는, 금40,000원을)
_WORD_END = r"(?=$|[^가-힣]|(?:은|는|이|가|을|를|의|에|에서|으로|로|과|와|앞|옆|내|안|일대|일원|주변|인근|까지|부터|도|만|씩)(?![가-힣]))"
_PATTERNS: tuple[tuple[SpecificKind, re.Pattern[str]], ...] = (
    (
        SpecificKind.PHONE,
        re.compile(
            r"\[전화번호\]|☎\s*[\d\-)( ]{4,}\d|(?<!\d)\d{2,4}\s*[-)]\s*\d{3,4}\s*-\s*\d{4}(?!\d)|(?<![\d-])\d{3,4}-\d{4}(?![\d-])"
        ),
    ),
    (SpecificKind.PLATE, re.compile(r"(?<!\d)\d{2,3}\s?[가-힣]\s?\d{4}(?!\d)")),
    (
        SpecificKind.CASE_NUMBER,
        re.compile(
            r"(?:민원|접수|신청|상담|목록|관리|문서|사건)\s*(?:번호|목록번호)?\s*[-:：]?\s*[A-Za-z\d][\w-]{4,}"
            r"|제\s*\d{2,4}\s*-\s*\d+\s*호|(?<![\d.])\d{8,}(?!\d)|(?<![\d.])(?:19|20)\d{2}-\d{3,}(?!\d)"
        ),
    ),
    (SpecificKind.DATE, re.compile(_DATE)),
    (
        SpecificKind.TIME,
        re.compile(
            r"(?<!\d)\d{1,2}\s*:\s*\d{2}(?!\d)|(?:오전|오후|새벽|밤|저녁)\s*\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?"
        ),
    ),
    (SpecificKind.AMOUNT, re.compile(r"금?\s*\d[\d,]*(?:\.\d+)?\s*(?:만|억|천)?\s*원" + _WORD_END)),
    (
        SpecificKind.ADDRESS,
        re.compile(
            r"[가-힣\d]{1,10}(?:대로|로|길)\s*\d{1,4}(?:\s*번?길\s*\d{1,4})?(?:-\d{1,4})?(?![\d가-힣])"
            r"|[가-힣]{1,6}동\d?가?\s*\d{1,5}(?:-\d{1,5})?\s*(?:번지)?(?![\d가-힣])|\d{1,5}(?:-\d{1,5})?\s*번지"
        ),
    ),
)
_PLACE = re.compile(
    r"(?<![가-힣])(?!(?:초등|중|고등|대|근린|어린이|공영|대형|관내|인근|주변|해당|각|전통|재래|소|동|본|노후|임대|"
    r"영구임대|공공|민간|신축|공동|대학|종합|동물|요양|일반|개인|전문|사립|국립|공립|국공립|가정|직장|민간)(?:학교|공원|시장|마트|아파트|빌딩|병원|교회|상가|호텔|어린이집|유치원)"
    + _WORD_END
    + r")"
    r"[가-힣A-Za-z\d]{2,12}(?:마트|아파트|빌딩|빌라|맨션|오피스텔|학교|공원|시장|백화점|아울렛|호텔|모텔|병원|교회|상가|타워|해수욕장|어린이집|유치원|타운)"
    + _WORD_END
    + r"|(?<![가-힣])[가-힣]{1,5}\d?가?동\s?(?:주민센터|행정복지센터|동사무소|주민자치센터)"
)
_PLACE_SUFFIX = r"(?:마트|아파트|빌딩|빌라|맨션|오피스텔|학교|공원|시장|백화점|아울렛|호텔|모텔|병원|교회|상가|타워|해수욕장|어린이집|유치원|센터|회관|마을)"
_QUOTED_PLACE = re.compile(r"(?<=[‘“'\"])[^’”'\"\n]{1,20}" + _PLACE_SUFFIX + r"(?=[’”'\"])")
# 님 after one of these is a form of address, not a name (고객님, 담당자님 …)
_ADDRESS_WORDS = frozenset(
    [
        "고객",
        "민원인",
        "주민",
        "선생",
        "회원",
        "담당자",
        "담당",
        "과장",
        "팀장",
        "국장",
        "구청장",
        "시장",
        "동장",
        "주무관",
        "여러분",
        "부모",
        "어르신",
        "사장",
        "대표",
        "소장",
        "관리소장",
        "기사",
        "위원",
        "의원",
        "교수",
        "목사",
        "신청인",
        "주민분",
        "민원",
        "귀하",
        "이웃",
        "손",
        "환자",
        "가족",
    ]
)
_NAME_BEFORE_NIM = re.compile(r"(?<![가-힣])([가-힣]{2,4})\s?님")
_LABELLED_NAME = re.compile(r"(?:민원인|성명|신청인|신고인|작성자)\s*[:：]?\s*([가-힣]{2,4})(?![가-힣])")


def pattern_specifics(text: str) -> list[Specific]:
    """The specifics that patterns alone can find; names before 님 or after a label included."""
    found = [
        Specific(kind, m.start(), m.end(), m.group(0).strip())
        for kind, pattern in _PATTERNS
        for m in pattern.finditer(text)
        if m.group(0).strip()
    ]
    for pattern in (_PLACE, _QUOTED_PLACE):
        found += [
            Specific(SpecificKind.PLACE, m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)
        ]
    for m in _NAME_BEFORE_NIM.finditer(text):
        if m.group(1) not in _ADDRESS_WORDS and not m.group(1).endswith(("고객", "주민", "담당")):
            found.append(Specific(SpecificKind.NAME, m.start(1), m.end(1), m.group(1)))
    for m in _LABELLED_NAME.finditer(text):
        found.append(Specific(SpecificKind.NAME, m.start(1), m.end(1), m.group(1)))
    return resolve(found, text)


def resolve(specifics: Iterable[Specific], text: str | None = None) -> list[Specific]:
    """Overlapping spans: the longer one wins (a date inside a case number is the case number);
    with ``text``, spans of one kind separated only by spaces merge (롯데마트 항동점)."""
    ordered = sorted(specifics, key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Specific] = []
    for s in ordered:
        if kept and text is not None and s.kind is kept[-1].kind and s.start >= kept[-1].end:
            last = kept[-1]
            if not text[last.end : s.start].strip():
                kept[-1] = Specific(last.kind, last.start, s.end, text[last.start : s.end])
                continue
        if kept and s.start < kept[-1].end:
            last = kept[-1]
            if s.end - s.start > last.end - last.start:
                kept[-1] = s
            elif s.end > last.end and s.kind is last.kind:
                kept[-1] = Specific(last.kind, last.start, s.end, last.text + s.text[last.end - s.start :])
            continue
        kept.append(s)
    return kept


@dataclass(frozen=True, slots=True)
class OwnValues:
    """What the current complaint itself states: its text (any value in it may stay) and its
    specifics by kind (a lone value of a kind replaces the past case's)."""

    text: str
    specifics: Sequence[Specific] = ()
    name: str | None = None  # the complainant, when the case has one (greeting, 님)

    def states(self, value: str) -> bool:
        return _compact(value) in _compact(self.text)

    def sole(self, kind: SpecificKind) -> str | None:
        values = {_compact(s.text): s.text for s in self.specifics if s.kind is kind}
        return next(iter(values.values())) if len(values) == 1 else None


@dataclass(frozen=True, slots=True)
class Rewrite:
    text: str | None  # None: the sentence is dropped
    replaced: tuple[Specific, ...]  # the foreign specifics taken out


def rewrite(sentence: str, specifics: Sequence[Specific], own: OwnValues) -> Rewrite:
    """The sentence with every foreign specific replaced, or None when it cannot be kept."""
    foreign = [s for s in resolve(specifics, sentence) if not own.states(s.text)]
    if not foreign:
        return Rewrite(sentence, ())
    if len(foreign) > MAX_REWRITES or any(s.kind in DROP_KINDS for s in foreign):
        return Rewrite(None, tuple(foreign))
    out, cursor = [], 0
    for s in foreign:
        replacement = _replacement(sentence, s, own)
        if replacement is None:
            return Rewrite(None, tuple(foreign))
        out.append(sentence[cursor : s.start])
        out.append(replacement)
        cursor = _after_name_suffix(sentence, s)
        out.append(_particle(sentence[cursor : cursor + 2], replacement))
        cursor += len(_PARTICLE.match(sentence[cursor:]).group(0))  # type: ignore[union-attr]
    out.append(sentence[cursor:])
    text = re.sub(r"(해당 [가-힣]+)(?:\s*(?:및|,|·)?\s*\1)+", r"\1", "".join(out))
    return Rewrite(" ".join(text.split()), tuple(foreign))


def _replacement(sentence: str, s: Specific, own: OwnValues) -> str | None:
    if s.kind is SpecificKind.NAME:
        if sentence[s.end : s.end + 2].lstrip().startswith("님"):
            return f"{own.name}님" if own.name else "귀하"
        return None  # another person named in the sentence: nothing neutral says the same
    if s.kind in SUBSTITUTABLE and (value := own.sole(s.kind)):
        return value
    return NEUTRAL.get(s.kind)


def _after_name_suffix(sentence: str, s: Specific) -> int:
    """A replaced name takes its 님 with it."""
    if s.kind is SpecificKind.NAME:
        m = re.match(r"\s?님", sentence[s.end :])
        if m:
            return s.end + m.end()
    return s.end


_PARTICLE = re.compile(r"(?:은|는|이(?![가-힣]{2})|가|을|를|과|와|으로|로)?")
_PAIRS = {"은": "는", "이": "가", "을": "를", "과": "와", "으로": "로"}


def _particle(following: str, replacement: str) -> str:
    """The particle after a replaced span, agreeing with the replacement's last syllable."""
    m = _PARTICLE.match(following)
    particle = m.group(0) if m else ""
    if not particle:
        return ""
    closed = _has_final(replacement[-1])
    for with_final, without in _PAIRS.items():
        if particle in (with_final, without):
            if with_final == "으로":
                return "으로" if closed and not replacement.endswith("ㄹ") else "로"
            return with_final if closed else without
    return particle


def _has_final(ch: str) -> bool:
    return "가" <= ch <= "힣" and (ord(ch) - 0xAC00) % 28 != 0


def _compact(text: str) -> str:
    return re.sub(r"[\s.,·\-()]", "", text)
