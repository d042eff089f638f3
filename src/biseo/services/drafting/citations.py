"""Citation verifier (인용 검증): every 조문 a text cites must exist in the stored statute, every 항 in
that article, and text quoted right after a citation must match the article after normalisation.
An unverifiable citation is reported to the official, never silently kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from biseo.services.ports import DocumentStore
from biseo.services.search.service import SearchService

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_BRACKETED = re.compile(r"「([^」]{2,60})」\s*(?:시행령|시행규칙)?\s*제\s*\d{1,4}\s*조")
_UNBRACKETED = re.compile(
    r"(?<![가-힣「」])([가-힣]{2,25}(?:법|법률))(?:\s*(?:시행령|시행규칙))?\s*제\s*\d{1,4}\s*조"
)
_PRECEDENT = re.compile(
    r"대법원\s*(?:(\d{4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*)?(?:선고|자)?\s*"
    r"(\d{2,4}\s?[가-힣]{1,3}\s?\d{1,6})\s*(?:전원합의체\s*)?(?:판결|결정)"
)
_RELATIVE = {"관계법", "관련법", "해당법", "개별법", "특별법", "일반법"}  # 관계법 제3조: not a law's name
_QUOTE = re.compile(r"^[^\n\"“]{0,12}[\"“]([^\"”]{4,400})[\"”]")


class CitationStatus(StrEnum):
    VERIFIED = "verified"
    UNKNOWN_LAW = "unknown_law"
    NO_SUCH_ARTICLE = "no_such_article"
    NO_SUCH_PARAGRAPH = "no_such_paragraph"
    QUOTE_MISMATCH = "quote_mismatch"
    ARTICLE_DELETED = "article_deleted"
    UNKNOWN_PRECEDENT = "unknown_precedent"
    PRECEDENT_DATE_MISMATCH = "precedent_date_mismatch"
    NOT_YET_IN_FORCE = "not_yet_in_force"


_MESSAGES = {
    CitationStatus.VERIFIED: "확인됨",
    CitationStatus.UNKNOWN_LAW: "저장된 법령에서 찾을 수 없는 법령명입니다.",
    CitationStatus.NO_SUCH_ARTICLE: "해당 법령에 없는 조문입니다.",
    CitationStatus.NO_SUCH_PARAGRAPH: "해당 조문에 없는 항입니다.",
    CitationStatus.QUOTE_MISMATCH: "인용한 문구가 조문과 다릅니다.",
    CitationStatus.ARTICLE_DELETED: "삭제된 조문입니다.",
    CitationStatus.UNKNOWN_PRECEDENT: "저장된 판례에서 찾을 수 없는 사건번호입니다 (원문을 확인해 주십시오).",
    CitationStatus.PRECEDENT_DATE_MISMATCH: "사건번호는 있으나 선고일이 다릅니다.",
    CitationStatus.NOT_YET_IN_FORCE: "저장된 법령은 아직 시행 전입니다 (시행일을 확인해 주십시오).",
}
_DELETED = re.compile(r"^\s*제\s*\d+\s*조(?:의\s*\d+)?\s*(?:\([^)]*\))?\s*삭제\s*(?:<[^>]*>)?\s*$")


@dataclass(frozen=True, slots=True)
class CitationCheck:
    text: str
    start: int
    end: int
    status: CitationStatus
    document_id: str | None = None
    segment: int | None = None

    @property
    def message(self) -> str:
        return _MESSAGES[self.status]


class CitationVerifier:
    def __init__(
        self, search: SearchService, store: DocumentStore, today: Callable[[], date] = date.today
    ) -> None:
        self.search, self.store, self.today = search, store, today

    def verify(self, text: str) -> list[CitationCheck]:
        checks: list[CitationCheck] = []
        known_spans = []
        for reference in self.search.directory().find(text):
            if reference.article is None:
                continue
            end = max(reference.end, reference.article.end)
            known_spans.append((reference.start, end))
            cited = text[reference.start : end]
            found = self.search.article_segment(reference)
            if found is None:
                checks.append(CitationCheck(cited, reference.start, end, CitationStatus.NO_SUCH_ARTICLE))
                continue
            document_id, number = found
            segment = self.store.segment(document_id, number)
            document = self.store.get(document_id)
            body = document.text[segment.start : segment.end] if segment and document else ""
            status = CitationStatus.VERIFIED
            paragraph = reference.article.paragraph
            effective = document.dates.effective if document else None
            if _DELETED.match(" ".join(body.split())):
                status = CitationStatus.ARTICLE_DELETED
            elif effective is not None and effective > self.today():
                status = CitationStatus.NOT_YET_IN_FORCE
            elif (
                paragraph
                and paragraph > 1
                and (paragraph > len(CIRCLED) or CIRCLED[paragraph - 1] not in body)
            ):
                status = CitationStatus.NO_SUCH_PARAGRAPH
            quote = _QUOTE.match(text[end:])
            if status is CitationStatus.VERIFIED and quote and _normal(quote.group(1)) not in _normal(body):
                status = CitationStatus.QUOTE_MISMATCH
            checks.append(CitationCheck(cited, reference.start, end, status, document_id, number))
        flagged: list[tuple[int, int]] = []
        for pattern in (_BRACKETED, _UNBRACKETED):  # 「…」 제N조 or …법 제N조 naming a law nobody has stored
            for m in pattern.finditer(text):
                if pattern is _UNBRACKETED and m.group(1) in _RELATIVE:
                    continue
                taken = known_spans + flagged
                if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
                    flagged.append((m.start(), m.end()))
                    checks.append(CitationCheck(m.group(0), m.start(), m.end(), CitationStatus.UNKNOWN_LAW))
        checks += self._precedent_checks(text)
        return sorted(checks, key=lambda c: c.start)

    def _precedent_checks(self, text: str) -> list[CitationCheck]:
        """대법원 2002. 6. 14. 선고 2000두10663 판결: the case must be stored, decided that day."""
        matches = list(_PRECEDENT.finditer(text))
        if not matches:
            return []
        stored = self.search.precedents()
        out = []
        for m in matches:
            found = stored.get("".join(m.group(4).split()))
            status = CitationStatus.VERIFIED
            if found is None:
                status = CitationStatus.UNKNOWN_PRECEDENT
            elif m.group(1) and found[1] is not None:
                cited = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
                if cited != (found[1].year, found[1].month, found[1].day):
                    status = CitationStatus.PRECEDENT_DATE_MISMATCH
            document_id = found[0] if found else None
            out.append(CitationCheck(m.group(0), m.start(), m.end(), status, document_id))
        return out


def _normal(text: str) -> str:
    return re.sub(r"[\s\"“”'‘’.,·ㆍ「」()]", "", text)
