"""개조식 line endings: a sentence's final predicate rewritten as a noun ending (명사형 종결).

Works on morphemes with their positions (Kiwi's tags, passed in by the caller), never on string
endings: the final predicate is found by its tags (EF after optional EP), and only that predicate
changes; the rest of the line keeps the source's own characters.

- ``X를 추진한다`` / ``X를 개최했다`` → ``X 추진`` / ``X 개최`` (object + 하다 verb: the noun alone)
- ``…적극 추진했다`` → ``…적극 추진함``; ``…평가됐다`` → ``…평가됨``; ``…이 필요하다`` → ``…이 필요함``
- ``…활동이다`` / ``…계획입니다`` → ``…활동임`` / ``…계획임``; ``있다`` → ``있음``; ``없다`` → ``없음``
- any other verb or adjective through ``join`` with the nominalizer ㅁ (밝혔다 → 밝힘, 만든다 → 만듦)
- a reporting frame is dropped: ``…선정했다고 8일 밝혔다`` → ``…선정``

Tense and mood markers (EP: 었, 겠, 시) are dropped as 보고서 lines do. A question, or a sentence
whose end is inside a quotation, keeps its wording (minus the final period).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from biseo.domain.drafting.source_lines import strip_marker

Morph = tuple[str, str, int, int]  # form, tag, start, end (character offsets in the sentence)
Join = Callable[[Sequence[tuple[str, str]]], str]

NOMINALIZER = ("ᆷ", "ETN")  # Kiwi's form of the noun ending -(으)ㅁ
_TRAILING = ("SF", "SE", "SP", "SW")  # . ? ! … , and symbols after the predicate
_NOUNS = ("NNG", "NNP", "XR", "SL", "SH")
_PREDICATE = ("VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA")
_REPORTED = re.compile(r"^(?:다고|라고|ᆫ다고|는다고|자고|냐고)$")  # EC closing a reported clause
_REPORTING = frozenset(
    [
        "밝히",
        "말하",
        "전하",
        "덧붙이",
        "알리",
        "설명",
        "강조",
        "발표",
        "당부",
        "언급",
        "소개",
        "공개",
        "보고",
        "전망",
        "예고",
        "주문",
        "요청",
        "말",
        "답변",
        "약속",
        "다짐",
        "촉구",
    ]
)
_FRAME_FILLER = ("SN", "NNB", "MAG", "SP", "NNG", "JKB", "SSO", "SSC")  # 8일, 이날, 또한 …
_SENTENCE_END = re.compile(r"(?:다|요)\.?[\"'”’」』)\]]*\s*$")
_OFFICE_HOLDER = re.compile(  # (위원장 김종철), (청장 직무대행 장인식 차장): who heads the body
    r"\s*\((?:[^()]{0,30}\s)?(?:장관|위원장|청장|처장|원장|차장|시장|군수|구청장|지사|총리|대표|회장|"
    r"이사장|본부장|단장|직무대행)\s[^()]{1,40}\)"
)
_OPENING = re.compile(r"^(?:한편|또한|아울러|특히|그리고|이와 함께|이와 더불어)\s*,?\s+")


def _stem_of(tokens: Sequence[Morph], end_index: int) -> int:
    """Index of the predicate stem an ending at ``end_index`` closes (skipping EP: 었, 겠, 시)."""
    j = end_index - 1
    while j >= 0 and tokens[j][1] == "EP":
        j -= 1
    return j


def _is_predicate(tag: str) -> bool:
    return tag.split("-")[0] in _PREDICATE  # VV-R, VA-I …: Kiwi's regular/irregular variants


def _reported_clause(tokens: Sequence[Morph], final: int) -> int | None:
    """The EC closing a reported clause (``…했다고``) when the sentence ends in a reporting verb."""
    stem = _stem_of(tokens, final)
    if stem < 0 or not _is_predicate(tokens[stem][1]):
        return None
    head = tokens[stem - 1][0] if tokens[stem][1] == "XSV" and stem > 0 else tokens[stem][0]
    if head not in _REPORTING:
        return None
    j = stem - (2 if tokens[stem][1] == "XSV" else 1)
    while j >= 0 and tokens[j][1] in _FRAME_FILLER and j > stem - 6:
        j -= 1
    if j >= 0 and tokens[j][1] == "EC" and _REPORTED.match(tokens[j][0]):
        return j
    return None


def _convert_at(text: str, tokens: Sequence[Morph], end_index: int, join: Join) -> str | None:
    stem = _stem_of(tokens, end_index)
    if stem < 0 or not _is_predicate(tokens[stem][1]):
        return None
    form, tag, start, _ = tokens[stem]
    if tag == "XSV" and form == "하" and stem > 0 and tokens[stem - 1][1] in _NOUNS:
        noun = tokens[stem - 1]
        before = tokens[stem - 2] if stem > 1 else None
        if before is not None and before[1] == "JKO" and before[3] < noun[2]:  # 예산 확대를 추진
            return f"{text[: before[2]].rstrip()} {text[noun[2] : noun[3]]}"
    return text[:start] + join([(form, tag), NOMINALIZER])


def to_outline(text: str, tokens: Sequence[Morph], join: Join) -> str:
    """The sentence ``text`` as one 개조식 line (see the module docstring); ``tokens`` are its
    morphemes with offsets into ``text``."""
    body = text.rstrip()
    last = len(tokens) - 1
    while last >= 0 and tokens[last][1] in _TRAILING:
        if tokens[last][0] in ("?", "？"):
            return body
        last -= 1
    if last < 0:
        return body.rstrip(". ")
    if tokens[last][1] != "EF":
        return body[: tokens[last][3]].rstrip(" .,") if tokens[last][1] != "SSC" else body.rstrip(".")
    clause = _reported_clause(tokens, last)
    if clause is not None:
        converted = _convert_at(body, tokens, clause, join)
        if converted:
            return converted.rstrip(" ,")
    converted = _convert_at(body, tokens, last, join)
    return converted.rstrip(" ,") if converted else body.rstrip(".")


def polish(sentence: str) -> str:
    """What a 보고서 line leaves out of a sentence: who heads the body in parentheses, and an
    opening connective (한편, 또한, 아울러 …)."""
    return strip_marker(_OPENING.sub("", _OFFICE_HOLDER.sub("", sentence.strip())))  # 특히, ③현장에서 …


def ends_as_sentence(line: str) -> bool:
    """True for a line that still ends like a narrative sentence (…다., …요., …니다)."""
    return bool(_SENTENCE_END.search(line))
