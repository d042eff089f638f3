"""Citation verifier (인용 검증): every 조문 a text cites must exist in the stored statute, every 항 in
that article, and text quoted right after a citation must match the article after normalisation.
An unverifiable citation is reported to the official, never silently kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from biseo.services.ports import DocumentStore
from biseo.services.search import SearchService

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_BRACKETED = re.compile(r"「([^」]{2,60})」\s*(?:시행령|시행규칙)?\s*제\s*\d{1,4}\s*조")
_QUOTE = re.compile(r"^[^\n\"“]{0,12}[\"“]([^\"”]{4,400})[\"”]")


class CitationStatus(StrEnum):
    VERIFIED = "verified"
    UNKNOWN_LAW = "unknown_law"
    NO_SUCH_ARTICLE = "no_such_article"
    NO_SUCH_PARAGRAPH = "no_such_paragraph"
    QUOTE_MISMATCH = "quote_mismatch"


_MESSAGES = {
    CitationStatus.VERIFIED: "확인됨",
    CitationStatus.UNKNOWN_LAW: "저장된 법령에서 찾을 수 없는 법령명입니다.",
    CitationStatus.NO_SUCH_ARTICLE: "해당 법령에 없는 조문입니다.",
    CitationStatus.NO_SUCH_PARAGRAPH: "해당 조문에 없는 항입니다.",
    CitationStatus.QUOTE_MISMATCH: "인용한 문구가 조문과 다릅니다.",
}


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
    def __init__(self, search: SearchService, store: DocumentStore) -> None:
        self.search, self.store = search, store

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
            if (
                paragraph
                and paragraph > 1
                and (paragraph > len(CIRCLED) or CIRCLED[paragraph - 1] not in body)
            ):
                status = CitationStatus.NO_SUCH_PARAGRAPH
            quote = _QUOTE.match(text[end:])
            if status is CitationStatus.VERIFIED and quote and _normal(quote.group(1)) not in _normal(body):
                status = CitationStatus.QUOTE_MISMATCH
            checks.append(CitationCheck(cited, reference.start, end, status, document_id, number))
        for m in _BRACKETED.finditer(text):  # 「…」 제N조 naming a law nobody has stored
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in known_spans):
                checks.append(CitationCheck(m.group(0), m.start(), m.end(), CitationStatus.UNKNOWN_LAW))
        return sorted(checks, key=lambda c: c.start)


def _normal(text: str) -> str:
    return re.sub(r"[\s\"“”'‘’.,·ㆍ「」()]", "", text)
