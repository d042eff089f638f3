"""Case specifics found three ways together, so unseen answers are covered: the patterns of
``domain.drafting.specifics``, the personal-data detector (names, addresses, phones, plates, account
and card numbers), and Kiwi's proper nouns (NNP) for named places and businesses (롯데마트 항동점,
신흥풍림아파트, 운북동). A proper noun is no specific when it names a law (도로교통법), a public body
(국토교통부, 중구청) or the answering agency itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from biseo.domain.drafting.specifics import Specific, SpecificKind, pattern_specifics, resolve
from biseo.domain.privacy.pseudonyms import PiiKind
from biseo.services.privacy import PiiDetector

_PII_KINDS = {
    PiiKind.PERSON: SpecificKind.NAME,
    PiiKind.ADDRESS: SpecificKind.ADDRESS,
    PiiKind.PHONE: SpecificKind.PHONE,
    PiiKind.VEHICLE: SpecificKind.PLATE,
    PiiKind.ACCOUNT: SpecificKind.CASE_NUMBER,
    PiiKind.CARD: SpecificKind.CASE_NUMBER,
    PiiKind.RRN: SpecificKind.CASE_NUMBER,
    PiiKind.FRN: SpecificKind.CASE_NUMBER,
    PiiKind.PASSPORT: SpecificKind.CASE_NUMBER,
    PiiKind.DRIVER_LICENSE: SpecificKind.CASE_NUMBER,
    PiiKind.EMAIL: SpecificKind.PHONE,
}
# nouns that, after a proper noun, name a place or business with it (신포 시장, 항동 점)
_PLACE_TAIL = frozenset(
    [
        "점",
        "마트",
        "아파트",
        "빌딩",
        "빌라",
        "학교",
        "초등학교",
        "중학교",
        "고등학교",
        "공원",
        "시장",
        "병원",
        "교회",
        "상가",
        "타워",
        "맨션",
        "오피스텔",
        "센터",
        "주민센터",
        "행정복지센터",
        "역",
        "주차장",
        "사거리",
        "삼거리",
        "오거리",
        "교차로",
        "터널",
        "공장",
        "호텔",
        "모텔",
        "마을",
        "단지",
        "타운",
        "해수욕장",
        "어린이집",
        "유치원",
        "도서관",
        "체육관",
        "경로당",
        "복지관",
        "아울렛",
        "백화점",
        "교",
        "다리",
        "부두",
        "항",
        "동",
        "가",
        "리",
        "로",
        "길",
    ]
)
_PUBLIC_BODY = re.compile(
    r"(?:법|법률|령|규칙|조례|부|처|청|감사원|연구원|진흥원|개발원|평가원|관리원|위원회|공단|공사|협회|재단|정부|국회|법원|시|도|구|군|읍|면)$"
)


class KiwiSpecifics:
    """``find(text, exempt)``: specifics in ``text``; words of ``exempt`` (the agency's own name,
    the answering unit) are never specifics."""

    def __init__(self, detector: PiiDetector) -> None:
        self.detector = detector
        self._lock = threading.Lock()

    @cached_property
    def _kiwi(self) -> Any:
        from kiwipiepy import Kiwi

        return Kiwi()

    def find(self, text: str, exempt: Iterable[str] = ()) -> list[Specific]:
        if not text.strip():
            return []
        found = pattern_specifics(text)
        found += [
            Specific(_PII_KINDS[s.kind], s.start, s.end, s.text)
            for s in self.detector.detect(text)
            if s.kind in _PII_KINDS
        ]
        words = {e for e in exempt if e}
        found += self._places(text, words)
        found = [s for s in found if not _inside_quotes(text, s.start) and not _own_unit(s, words)]
        return resolve(found, text)

    def _places(self, text: str, exempt: set[str]) -> list[Specific]:
        with self._lock:
            tokens = self._kiwi.tokenize(text)
        out: list[Specific] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.tag != "NNP" or not _hangul(token.form):
                i += 1
                continue
            start, end, j = token.start, token.start + token.len, i + 1
            while j < len(tokens) and tokens[j].tag in ("NNP", "NNG", "XSN") and tokens[j].start - end <= 1:
                if tokens[j].tag != "NNP" and tokens[j].form not in _PLACE_TAIL:
                    break
                end = tokens[j].start + tokens[j].len
                j += 1
            word = text[start:end]
            if _is_place(word, exempt, text, end):
                out.append(Specific(SpecificKind.PLACE, start, end, word))
            i = j
        return out


def _is_place(word: str, exempt: set[str], text: str, end: int) -> bool:
    compact = word.replace(" ", "")
    if len(compact) < 2 or any(
        compact in e.replace(" ", "") or e.replace(" ", "") == compact for e in exempt
    ):
        return False
    # a law, a public body or an administrative area (인천광역시, 중구) is no case's detail
    return not (
        _PUBLIC_BODY.search(compact) or re.match(r"\s*(?:법|시행령|시행규칙|조례)", text[end : end + 4])
    )


_TITLE_END = re.compile(r"(?:법|법률|령|규칙|조례|계획|지침|고시|훈령|예규|기준|요령|방침|사업|정책)\s*$")


def _own_unit(specific: Specific, exempt: set[str]) -> bool:
    """The answering unit's own office (신포동 행정복지센터 for 신포동) is no other case's detail."""
    if specific.kind is not SpecificKind.PLACE:
        return False
    compact = specific.text.replace(" ", "")
    return any(len(e) >= 2 and compact.startswith(e.replace(" ", "")) for e in exempt)


def _inside_quotes(text: str, position: int) -> bool:
    """Within 「…」 naming a law, a plan or a notice (「도로교통법」), not a case's detail
    (「신포동 국민은행 부근」 is one)."""
    opened = text.rfind("「", 0, position)
    if opened <= text.rfind("」", 0, position):
        return False
    closed = text.find("」", position)
    return closed != -1 and bool(_TITLE_END.search(text[opened + 1 : closed]))


def _hangul(form: str) -> bool:
    return all("가" <= ch <= "힣" for ch in form)
