"""What a search asks for and what it returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from biseo.domain.documents.model import DocumentKind

MAX_QUERY_CHARS = 1000
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class SearchFilters:
    kind: str | None = None
    agency: str | None = None
    law: str | None = None  # compact base title of an Act, e.g. 민원처리에관한법률
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str
    filters: SearchFilters = SearchFilters()
    limit: int = 10


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: str
    number: int  # segment number
    label: str
    title: str
    kind: DocumentKind
    agency: str | None
    date: date | None
    score: float
    snippet: str  # plain text with matches wrapped in «…»
    exact: bool  # resolved from an explicit reference (법령명 + 조문)

    @property
    def key(self) -> tuple[str, int]:
        return (self.document_id, self.number)


@dataclass(frozen=True, slots=True)
class SearchResponse:
    query: str
    hits: list[SearchHit]
    truncated: bool = False  # the query was longer than MAX_QUERY_CHARS
    notice: str | None = None  # Korean explanation when nothing could be searched
