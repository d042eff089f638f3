"""The Korean search page and the passage-in-context page."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup, escape

from biseo.domain.documents.model import DocumentKind
from biseo.domain.errors import BiseoError
from biseo.domain.search.query import SearchFilters, SearchQuery
from biseo.interfaces.http.access import public, staff
from biseo.interfaces.http.deps import services_of
from biseo.interfaces.http.schemas import MAX_OFFSET
from biseo.interfaces.http.web.templating import templates

router = APIRouter(include_in_schema=False)


def _highlight(snippet: str) -> Markup:
    """Escape the snippet, then turn the service's «…» match markers into <mark>."""
    return Markup(str(escape(snippet)).replace("«", "<mark>").replace("»", "</mark>"))


templates.env.filters["highlight"] = _highlight

KIND_NAMES = {str(kind): kind.korean for kind in DocumentKind}


@router.get("/", dependencies=[public()])
def home() -> RedirectResponse:
    """The bare address is the citizens' (officials sign in from there or go to /complaints)."""
    return RedirectResponse("/benefits")


@router.get("/search", dependencies=[staff()], response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=10_000)] = "",
    kind: str = "",
    date_from: Annotated[str, Query(alias="from")] = "",
    date_to: Annotated[str, Query(alias="to")] = "",
) -> HTMLResponse:
    context: dict[str, object] = {
        "q": q,
        "kind": kind,
        "date_from": date_from,
        "date_to": date_to,
        "kinds": KIND_NAMES,
        "response": None,
        "error": None,
    }
    if q.strip():
        try:
            kind_value = DocumentKind(kind) if kind in KIND_NAMES else None
            filters = SearchFilters(
                str(kind_value) if kind_value else None, None, None, _date(date_from), _date(date_to)
            )
            context["response"] = services_of(request).search.search(SearchQuery(q, filters, 20))
        except BiseoError as exc:
            context["error"] = exc.message_ko
    return templates.TemplateResponse(request, "search.html", context)


@router.get("/documents/{document_id}/segments/{number}", dependencies=[staff()], response_class=HTMLResponse)
def passage_page(
    request: Request, document_id: str, number: Annotated[int, PathParam(ge=0, le=MAX_OFFSET)]
) -> HTMLResponse:
    documents = request.app.state.services.documents
    document = documents.get(document_id)
    view = documents.segment(document_id, number)
    text = document.text
    segment = view.segment
    context = {
        "document": document,
        "segment": segment,
        "kinds": KIND_NAMES,
        "before": text[max(0, segment.start - 1500) : segment.start],
        "passage": text[segment.start : segment.end],
        "after": text[segment.end : segment.end + 1500],
    }
    return templates.TemplateResponse(request, "passage.html", context)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
