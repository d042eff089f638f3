"""Reading complaints and past answers for a reply: the sentences of a past answer worth reusing,
the office's greeting, and the 민원 요지 (what the citizen asks).

Sentences are split by the caller's splitter (Kiwi in production, which keeps ``2024. 3. 29.`` and
제N조 whole); item markers (1. 가. - ○) are cut first, never inside a date.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from biseo.domain.drafting.specifics import _DATE

Split = Callable[[str], list[tuple[int, int]]]

_GREETING = re.compile(r"감사|관심|애정|노고|건강|행복|무궁한|기원|안녕|수고|격려|성원")
_CONTACT = re.compile(r"문의|연락|☎|전화|\d{3,4}-\d{4}|성심|담당자|\[전화번호\]|\[이메일\]")
_FRAME = re.compile(
    r"관련입니다|답변\s?드리|답변드|알려\s?드리겠|회신|아래와 같이|다음과 같이|붙임|첨부|목록\s*번호|"
    r"\d\s*부\.?$|끝\.?$|^\s*(?:동일고충|선행민원|상세조회)|양해|청장\.?$|직인|드림\.?$"
)
_ITEM = re.compile(
    r"(?:^|(?<=\s)|(?<=[.다요]))(?:\d{1,2}\.|[가-하]\.|[-○□※■◦•·▶►◆◇●◎▷]|\(\d{1,2}\)|[①-⑮])\s*(?=\S)"
)
_DATES = re.compile(_DATE)
_PLEASANTRY = re.compile(
    r"^(?:안녕|수고|감사|고생|반갑|처음|죄송|실례)|수고(?:하십|하세|많으)|안녕하(?:세요|십니까)|잘 받았|"
    r"감사(?:합니다|드립니다)[.!]*$|^(?:저는|제가|저희는)\s.{0,60}(?:입니다|이에요|예요)[.!]*$|^\S{0,20}(?:입니다|이에요|예요)[.!]*$|"
    r"(?:주부|회원|주민|입주민|학생|직장인|시민|엄마|아빠|주인|상인|운전자|소장|대표|거주자|세입자|사람)(?:입니다|이에요|예요)[.!]*$"
)
# what the citizen asks for: a request, a wish or a question (the 요지 names it)
_REQUEST = re.compile(
    r"주세요|주십시오|주시기|주셨으면|주시면|바랍니다|바래요|원합니다|요청|건의|부탁드|했으면|하였으면|"
    r"되었으면|됐으면|하면 좋겠|어떻게|가능한지|가능할까|\?|까요|나요|는지요|시정|조치|개선"
)
_FRAGMENT = re.compile(
    r"^(?:에서는|에서도|에는|께서는|께서|에서|에게|에|은|는|이|가|을|를|와|과|의|으로|로|도|만)\s|[,，]\.$|(?:며|고|면서|으나|지만|는데|하여)[,.]*$"
)
_QUESTION = re.compile(r"(?:\?|까요|나요|는지요|니까)[.!]*$")
_SYSTEM_LINE = re.compile(
    r"※\s*첨부파일.*|동일고충민원여부.*|선행민원번호.*|선행민원상세조회.*|\S+\.(?:jpe?g|png|hwp|pdf)\b.*"
)
_LEADING_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[가-하][.)]|[-○□※•·]|\(\d{1,2}\))\s*")


def regex_sentences(text: str) -> list[tuple[int, int]]:
    """A fallback splitter for tests and tools without Kiwi: after 다./요./니다./?/! and a space."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[다요음함됨임까])[.?!]+(?=\s|$)|[?!]+(?=\s|$)", text):
        spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


def items(text: str) -> list[str]:
    """Text cut at item markers (1. 가. - ○ ①), never inside a date (2019. 7. 24.)."""
    dates = [(m.start(), m.end()) for m in _DATES.finditer(text)]
    cuts = [
        (m.start(), m.end())
        for m in _ITEM.finditer(text)
        if not any(s <= m.start() < e for s, e in dates)
        and not re.search(r"\d\.\s*$", text[: m.start()][-4:])
    ]
    pieces, cursor = [], 0
    for start, end in cuts:
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return [p.strip() for p in pieces if p.strip()]


def split_sentences(text: str, split: Split | None = None) -> list[str]:
    """Items, then sentences within each item, each ending in one full stop."""
    cut = split or regex_sentences
    out = []
    for item in items(text):
        for start, end in cut(item):
            sentence = re.sub(r"\.{2,}$", ".", item[start:end].strip(" "))
            if sentence.strip(" .?!"):
                out.append(sentence if sentence.endswith(("?", "!", ".")) else sentence + ".")
    return out


def answer_sentences(answer: str, split: Split | None = None) -> list[str]:
    """The substantive sentences of a past answer: the greeting, the thank-you, the reference line,
    contact details, 붙임·첨부·목록 lines, signatures and 끝. dropped."""
    text = " ".join(answer.replace("』", " ").replace("『", " ").split())
    kept = []
    for sentence in split_sentences(text, split):
        if len(sentence) < 12 or (_GREETING.search(sentence) and len(sentence) < 80):
            continue
        if _CONTACT.search(sentence) or _FRAME.search(sentence) or _QUESTION.search(sentence):
            continue  # an answer states; a question in it is the citizen's text quoted or a broken field
        if _FRAGMENT.search(sentence):
            continue  # a piece cut from its sentence (에 불법 주정차…, …알려드리며,.)
        kept.append(sentence)
    return kept


def greeting_of(answer: str, split: Split | None = None) -> str | None:
    """The office's own opening (구정 발전에 관심을 가져 주시는 귀하께 감사의 말씀을 드립니다), if the
    answer starts with one and it carries no contact details."""
    text = " ".join(answer.split())
    for sentence in split_sentences(text, split)[:3]:
        sentence = sentence.strip(" .▶►■◆◇●◎○□▷-")
        if re.search(r"[「」『』\"“”‘’'<>]", sentence):
            continue  # a greeting quotes nothing (「신포동 국민은행 부근」 is the past case's)
        if 10 <= len(sentence) <= 80 and _GREETING.search(sentence) and not _CONTACT.search(sentence):
            return sentence + "."
    return None


def complaint_body(content: str) -> str:
    """The complaint as the citizen wrote it: the portal's attachment and 동일민원 lines removed."""
    return " ".join(_SYSTEM_LINE.sub(" ", content).split())


def gist_of(title: str, content: str, limit: int = 200, split: Split | None = None) -> str:
    """민원 요지: what the citizen asks — the first sentence that requests, wishes or asks (with the
    sentence before it when that one is short context), else the first substantive sentence;
    greetings, thanks and self-introductions never; cut at ``limit`` characters; the title when the
    content says nothing."""
    body = _LEADING_MARKER.sub("", complaint_body(content))
    sentences = [s for s in split_sentences(body, split) if len(s.strip(" .?!")) >= 6]
    substantive = [s for s in sentences if not _PLEASANTRY.search(s.strip())]
    if not substantive:
        return " ".join(title.split()) or (sentences[0] if sentences else "")
    at = next((i for i, s in enumerate(substantive) if _REQUEST.search(s)), None)
    if at is None:
        gist = substantive[0]
    else:
        gist = substantive[at]
        before = substantive[at - 1] if at else ""
        if before and len(before) + len(gist) < limit and not _REQUEST.search(before):
            gist = f"{before} {gist}"
    return gist if len(gist) <= limit else gist[:limit].rstrip() + "…"
