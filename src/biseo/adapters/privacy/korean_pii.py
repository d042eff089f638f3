"""Korean personal-data detection: ``ko-pii`` rules, checked and completed with Kiwi and a few patterns.

``ko-pii`` (MIT, rules, no model) finds 주민·외국인등록번호 (checksum-aware; numbers since Oct 2020
have none), phones, e-mail, accounts, cards (Luhn), passports, licences, plates and addresses. Its
name guesses are too eager on common nouns (전입신고, 소지자), so a name is kept only with strong
evidence (a field label such as 민원인, a title such as 님·주무관, or high confidence) that Kiwi does not
read as a common noun, or when Kiwi reads it as a proper noun. Added here: plates and licences with a
region prefix (서울12가3456), 지번 and three-level road addresses, names next to 예금주·귀하·님·씨.
Reference numbers that are not personal data are never reported: 사건번호, 접수번호, 법률 제N호,
대표전화 15xx-xxxx, 110/120.
"""

from __future__ import annotations

import re
import threading
from functools import cached_property
from typing import Any

from biseo.domain.privacy.pseudonyms import PiiKind, PiiSpan, resolve_overlaps

_LABELS = {
    "RRN": PiiKind.RRN,
    "FRN": PiiKind.FRN,
    "PHONE": PiiKind.PHONE,
    "EMAIL": PiiKind.EMAIL,
    "ACCOUNT": PiiKind.ACCOUNT,
    "CARD": PiiKind.CARD,
    "CREDIT_CARD": PiiKind.CARD,
    "PASSPORT": PiiKind.PASSPORT,
    "DRIVER_LICENSE": PiiKind.DRIVER_LICENSE,
    "VEHICLE": PiiKind.VEHICLE,
    "ADDRESS": PiiKind.ADDRESS,
    "PERSON": PiiKind.PERSON,
}
_REGIONS = "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주"
_SIDO = (
    r"(?:서울특별시|서울시|부산광역시|대구광역시|인천광역시|광주광역시|대전광역시|울산광역시|세종특별자치시|경기도|강원특별자치도|강원도"
    r"|충청북도|충청남도|전북특별자치도|전라북도|전라남도|경상북도|경상남도|제주특별자치도|전남광주통합특별시)"
)
_PATTERNS: list[tuple[PiiKind, re.Pattern[str]]] = [
    (PiiKind.VEHICLE, re.compile(rf"(?<![가-힣])(?:{_REGIONS})\s?\d{{2}}[가-힣]\d{{4}}(?!\d)")),
    (PiiKind.DRIVER_LICENSE, re.compile(rf"(?<![가-힣])(?:{_REGIONS})\s?\d{{2}}-\d{{6}}-\d{{2}}(?!\d)")),
    # 지번: 시도 시군구 (구) 동·리·가 번지
    (
        PiiKind.ADDRESS,
        re.compile(
            rf"{_SIDO}(?:\s+[가-힣]+[시군구]){{1,2}}\s+[가-힣0-9]+(?:동|리|가)\s+(?:산\s?)?\d+(?:-\d+)?(?:번지)?"
        ),
    ),
    # 도로명: 시도 시군구 (구) …로/길 번호
    (
        PiiKind.ADDRESS,
        re.compile(
            rf"{_SIDO}(?:\s+[가-힣]+[시군구]){{1,2}}\s+[가-힣0-9]+(?:로|길)(?:\s?\d+번?길)?\s+\d+(?:-\d+)?"
        ),
    ),
]
_CARD = re.compile(r"(?<![\d-])\d{4}[- ]\d{4}[- ]\d{4}[- ]\d{4}(?![\d-])")  # with the Luhn check below
_REPRESENTATIVE = re.compile(r"^(?:1[5-9]\d{2})-?\d{4}$")  # 대표번호: a business, not a person
_NAME_CUE_BEFORE = re.compile(
    r"(?:예금주|민원인|신청인|신고인|작성자|담당자|주무관|근로자|성명|이름)\s*:?\s*$"
)
_SELF_INTRODUCTION = re.compile(r"(?:저는|전|제\s?이름은|본인은|저의\s?이름은|나는)\s*$")  # 저는 홍길동이고
_NAME_CUE_AFTER = re.compile(r"^\s*(?:님|씨|귀하|여사|선생)")
_STRONG = ("pos:field_label", "pos:title")
_PROPER_CONFIDENCE = 0.6
# a word ending like this names a place, a building, a body, a vehicle or an office, not a person
# (운서동, 월미도, 옹진군청, 동원건설, 진등고개, 정석빌딩, 인천일보, 마을버스, 중구청장, 시공사)
_BODY_WORD = (
    r"공원|건설|아파트|센터|시장|학교|병원|회사|지역|구청|군청|시청|주민|구민|시민|차주"
    r"|고개|거리|빌딩|빌라|마을|단지|상가|호텔|타워|파크|세관|일보|신문|방송|버스|차량|지번|청장|의원"
    r"|(?:시공|건설|보험|통신|여행|출판|언론|제조|운수|증권|카드|협력|하청|원청|용역|관리|택시)사"
)
_PLACE_OR_BODY = re.compile(rf"(?:[동도구군시읍면리로길청역항섬족]|{_BODY_WORD})$")
# with a cue (님, 귀하) only the longer endings count: 홍길동 귀하 ends like a place, 중구청장님 is an office
_BODY_BEFORE_CUE = re.compile(rf"(?:{_BODY_WORD})$")
# a name neither starts with a dependent noun or a suffix (죽을 지경, 4-5시경) nor right after a digit
# (10월말경); inside one they may stand, where Kiwi misreads a name (송/NNP 민/NNG 호/NNB)
_BOUND = ("NNB", "XSN")
# a particle or an adverb standing alone after a field label (성함 조차) is no name either
_FUNCTION_WORD = ("J", "MAG", "MAJ", "E")


class KoreanPiiDetector:
    def __init__(self, *, min_confidence: float = 0.8, raw: bool = False) -> None:
        """``raw``: ko-pii alone, mapped to our kinds (the baseline of ``biseo eval pii``)."""
        self.min_confidence = min_confidence
        self.raw = raw
        self._lock = threading.Lock()

    @cached_property
    def _kiwi(self) -> Any:
        from kiwipiepy import Kiwi

        return Kiwi()

    def detect(self, text: str) -> list[PiiSpan]:
        from ko_pii import detect_all

        if not text.strip():
            return []
        with self._lock:  # Kiwi and ko-pii are not documented as thread-safe
            tokens = self._kiwi.tokenize(text)
            found = detect_all(text)
        proper = [(t.start, t.start + t.len) for t in tokens if t.tag == "NNP" and _hangul(t.form)]
        common = {(t.start, t.start + t.len) for t in tokens if t.tag == "NNG"}
        copula_at = {t.start for t in tokens if t.tag == "VCP"}
        inflected = [
            (t.start, t.start + t.len)
            for t in tokens
            if t.tag.startswith(("V", "E", "XSV", "XSA", "MM", "MAG", "NP", "J"))
        ]
        bound_at = {t.start for t in tokens if t.tag in _BOUND}
        bound_at |= {i + 1 for i, ch in enumerate(text) if ch.isdigit()}  # 4-5시경, 10월말경
        function_words = {(t.start, t.start + t.len) for t in tokens if t.tag.startswith(_FUNCTION_WORD)}
        cuts = {p for t in tokens for p in range(t.start + 1, t.start + t.len)}  # inside a Kiwi word
        spans: list[PiiSpan] = []
        for d in found:
            kind = _LABELS.get(d.label)
            if kind is None:
                continue
            if self.raw:
                spans.append(PiiSpan(kind, d.start, d.end, d.text))
                continue
            if kind is PiiKind.PHONE and _REPRESENTATIVE.match(d.text.strip()):
                continue
            if kind is PiiKind.ADDRESS and not any(ch.isdigit() for ch in d.text):
                continue  # 동구, 운서동: a district alone identifies nobody (an address has a number)
            if kind is PiiKind.PERSON and not self._is_name(
                d, proper, common, inflected, function_words, cuts, bound_at
            ):
                continue
            spans.append(PiiSpan(kind, d.start, d.end, d.text))
        if not self.raw:
            spans += _pattern_spans(text) + _cued_names(text, proper, copula_at)
        return resolve_overlaps(spans)

    def _is_name(
        self,
        d: Any,
        proper: list[tuple[int, int]],
        common: set[tuple[int, int]],
        inflected: list[tuple[int, int]],
        function_words: set[tuple[int, int]],
        cuts: set[int],
        bound_at: set[int],
    ) -> bool:
        if (d.start, d.end) in function_words:
            return False  # 성함 조차: the label is there, but the word after it is a particle
        if any(e.startswith("pos:field_label") for e in d.evidence):  # 신청자 배수지: a name, even if a word
            return True
        titled = any(e.startswith(_STRONG) for e in d.evidence)
        strong = titled or d.confidence >= self.min_confidence
        if not titled and (d.start in cuts or d.end in cuts):
            return False  # 정인|빌|라, 동화마|을: the candidate cuts a word Kiwi reads whole
        if d.start in bound_at:
            return False  # 지경, 4-5시경, 10월말경
        if _PLACE_OR_BODY.search(d.text.strip()) or any(s < d.end and d.start < e for s, e in inflected):
            return False  # 운서동, 동원건설; 오셔서, 하였기, 4-5시경 (a verb, an ending or a suffix inside)
        if any(start == d.start and end <= d.end for start, end in proper):
            # Kiwi's NNP also covers places and things (시공사, 백운산, 방음벽): a surname alone is not enough
            return bool(strong) or d.confidence >= _PROPER_CONFIDENCE
        if (d.start, d.end) in common:
            return False
        return bool(strong) and not any(s < d.end and d.start < e and (s, e) in common for s, e in common)


def _luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _hangul(form: str) -> bool:
    return all("가" <= ch <= "힣" for ch in form)


def _pattern_spans(text: str) -> list[PiiSpan]:
    """biseo's own patterns, and card numbers that are Luhn-valid or called a card (a mistyped card
    number is still one)."""
    spans: list[PiiSpan] = []
    for kind, pattern in _PATTERNS:
        spans.extend(PiiSpan(kind, m.start(), m.end(), m.group(0)) for m in pattern.finditer(text))
    for m in _CARD.finditer(text):
        if _luhn(m.group(0)) or "카드" in text[max(0, m.start() - 10) : m.start()]:
            spans.append(PiiSpan(PiiKind.CARD, m.start(), m.end(), m.group(0)))
    return spans


def _cued_names(text: str, proper: list[tuple[int, int]], copula_at: set[int]) -> list[PiiSpan]:
    """Proper nouns named as names: 예금주 박민수, 홍길동 귀하, 저는 김철수입니다."""
    spans: list[PiiSpan] = []
    for start, end in proper:
        if (
            2 <= end - start <= 5
            and not _BODY_BEFORE_CUE.search(text[start:end])
            and (
                _NAME_CUE_BEFORE.search(text[max(0, start - 8) : start])
                or _NAME_CUE_AFTER.match(text[end : end + 4])
                or (end in copula_at and _SELF_INTRODUCTION.search(text[max(0, start - 8) : start]))
            )
        ):
            spans.append(PiiSpan(PiiKind.PERSON, start, end, text[start:end]))
    return spans
