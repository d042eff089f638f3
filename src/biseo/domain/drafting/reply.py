"""민원 답변서 초안: the structure Korean local governments answer in, assembled from retrieved sources.

인사 → 민원 요지 → 검토 결과·조치 계획 → 관련 근거(법령 조문) → 추가 안내 → 담당 부서·연락처, numbered
1. 2. 3. with 가. 나. below, ending "  끝.". Every sentence taken from a source carries a marker [n]
that points to it; the deterministic mode says so in the draft's ``mode``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from biseo.domain.drafting.lint import HANGUL_ORDER

TEMPLATE_LABEL = (
    "템플릿 초안(LLM 미사용): 같은 사안의 과거 민원 답변 문장(다른 민원의 이름·장소·일자 등은 지움)과 "
    "법령 조문을 정해진 순서로 엮었습니다. 사실관계와 조치 내용을 확인한 뒤 고쳐 쓰십시오."
)
MODEL_LABEL = "LLM 초안: 모델이 작성한 문장입니다. 인용 검증 결과를 확인한 뒤 고쳐 쓰십시오."


class SourceKind(StrEnum):
    ARTICLE = "article"  # 법령 조문
    ANSWER = "answer"  # 과거 민원 답변


@dataclass(frozen=True, slots=True)
class Source:
    """One retrieved passage a draft may cite as [number]."""

    number: int
    kind: SourceKind
    label: (
        str  # 「민원 처리에 관한 법률」 제19조(처리기간의 계산) | 유사 민원 97674 「주차장이 너무 어두워요」
    )
    text: str
    document_id: str | None = None  # stored statute (ARTICLE)
    segment: int | None = None
    reference: str | None = None  # the past complaint's id (ANSWER)
    department: str | None = None
    score: float = 0.0
    match_share: float | None = None  # ANSWER: share of the complaint's key-term weight the past case shares


@dataclass(frozen=True, slots=True)
class ClaimCitation:
    """A [n] marker in the draft, where it stands, and the sentence it supports."""

    number: int
    start: int
    end: int
    sentence: str


@dataclass
class ReplyInput:
    title: str
    content: str
    gist: str  # 민원 요지, one or two sentences of the complaint
    findings: list[tuple[str, int]]  # (sentence, source number) — 검토 결과·조치 계획
    grounds: list[Source]  # 관련 근거 (articles)
    department: str | None
    notes: list[str] = field(default_factory=list)  # ※ lines for the official
    greeting: str | None = None  # the office's own opening, from its most similar past answer
    complainant: str | None = None  # the case's own complainant (greeting), else 귀하


def compose_reply(parts: ReplyInput) -> tuple[str, list[ClaimCitation]]:
    """The draft text and where each [n] marker sits in it."""
    lines: list[str] = []
    citations: list[ClaimCitation] = []

    def add(line: str, sentence: str = "", number: int | None = None) -> None:
        if number is not None:
            marker = f" [{number}]"
            offset = sum(len(x) + 1 for x in lines) + len(line)
            citations.append(ClaimCitation(number, offset + 1, offset + len(marker), sentence))
            line += marker
        lines.append(line)

    item = 0

    def heading(text: str) -> None:
        nonlocal item
        item += 1
        lines.append(f"{item}. {text}")

    addressee = f"{parts.complainant}님" if parts.complainant else "귀하"
    heading(parts.greeting or f"평소 우리 기관 행정에 관심을 가져 주신 {addressee}께 감사드립니다.")
    subject = " ".join(parts.title.split()) or "귀하"
    heading(f"「{subject}」 관련 민원의 요지는 다음과 같습니다.")
    lines.append(f"  가. {parts.gist}")
    if parts.findings:
        heading("검토 결과 및 조치 계획은 다음과 같습니다.")
        for i, (sentence, number) in enumerate(parts.findings):
            add(f"  {HANGUL_ORDER[i]}. {sentence}", sentence, number)
    else:
        heading("검토 결과 및 조치 계획: (비슷한 과거 답변이 없어 담당자가 사실관계를 확인한 뒤 작성)")
    if parts.grounds:
        heading("관련 근거는 다음과 같습니다.")
        for i, source in enumerate(parts.grounds):
            add(f"  {HANGUL_ORDER[i]}. {source.label}", source.label, source.number)
    for note in parts.notes:
        lines.append(f"  ※ {note}")
    contact = parts.department or "담당 부서"  # the unit answering this case, never a past case's
    heading(
        f"기타 궁금하신 사항은 {contact}(☎ 담당자 연락처)로 문의하여 주시면 성심껏 안내해 드리겠습니다.  끝."
    )
    return "\n".join(lines), citations


def cited_numbers(text: str) -> list[tuple[int, int, int]]:
    """Every [n] marker in a text, as (number, start, end)."""
    return [(int(m.group(1)), m.start(), m.end()) for m in re.finditer(r"\[(\d{1,3})\]", text)]


def sentence_before(text: str, position: int) -> str:
    """The sentence a marker at ``position`` closes (back to the previous line, sentence end or marker)."""
    head = text[:position].rstrip()
    body = head[:-1]
    markers = [m.end() - 1 for m in re.finditer(r"\[\d{1,3}\]", body)]
    cut = max(body.rfind("\n"), body.rfind("다. ") + 2, markers[-1] if markers else -1)
    sentence = head[cut + 1 :].strip()
    return re.sub(r"^(?:\d{1,2}\.|[가-하]\.|\[\d+\])\s*", "", sentence).strip()
