"""``GET /v1/search``: the Open API face of 정보검색."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from biseo.bootstrap import Services
from biseo.domain.documents.model import DocumentKind
from biseo.domain.search.query import MAX_LIMIT, SearchFilters, SearchHit, SearchQuery, SearchResponse
from biseo.domain.security.access import Scope
from biseo.interfaces.http.access import client

router = APIRouter(prefix="/v1", tags=["search"])


class HitOut(BaseModel):
    document_id: str
    segment: int
    label: str
    title: str
    kind: str
    agency: str | None
    date: date | None
    score: float | None  # null for an exact reference, which ranks first by rule
    exact: bool
    snippet: str
    url: str

    @classmethod
    def of(cls, h: SearchHit) -> HitOut:
        return cls(
            document_id=h.document_id,
            segment=h.number,
            label=h.label,
            title=h.title,
            kind=h.kind,
            agency=h.agency,
            date=h.date,
            score=None if h.exact else round(h.score, 4),
            exact=h.exact,
            snippet=h.snippet,
            url=f"/v1/documents/{h.document_id}/segments/{h.number}",
        )


class SearchOut(BaseModel):
    query: str
    truncated: bool
    notice: str | None
    hits: list[HitOut]


def run_search(
    services: Services,
    q: str,
    kind: DocumentKind | None,
    agency: str | None,
    law: str | None,
    date_from: date | None,
    date_to: date | None,
    limit: int,
) -> SearchResponse:
    law_key = services.search.law_key(law) if law else None
    filters = SearchFilters(str(kind) if kind else None, agency, law_key, date_from, date_to)
    return services.search.search(SearchQuery(q, filters, limit))


@router.get("/search", dependencies=[client(Scope.READ)], response_model=SearchOut)
async def search(
    request: Request,
    q: Annotated[
        str, Query(max_length=10_000, description="검색어 (법령명+조문도 됩니다: 민원처리법 제19조)")
    ],
    kind: DocumentKind | None = None,
    agency: str | None = None,
    law: Annotated[str | None, Query(description="법령명으로 제한, 예: 행정절차법")] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> SearchOut:
    # About 1.5 ms of CPU with nothing to await: running it on the event loop beats a thread hop.
    response = run_search(request.app.state.services, q, kind, agency, law, date_from, date_to, limit)
    return SearchOut(
        query=response.query,
        truncated=response.truncated,
        notice=response.notice,
        hits=[HitOut.of(h) for h in response.hits],
    )
