"""Drafting API for staff (``X-Staff-Key``): ``POST /v1/drafts/reply``, ``/v1/drafts/report``,
``/v1/drafts/export`` and the AI audit trail ``GET /v1/audit``, ``GET /v1/audit/{id}``,
``POST /v1/audit/{id}/final``. Records are scoped to the caller's agency."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field

from biseo.bootstrap import (
    Services,
)
from biseo.domain.drafting.report import text_document
from biseo.domain.security.limits import EXPENSIVE
from biseo.interfaces.http.access import staff
from biseo.interfaces.http.auth import current_staff
from biseo.interfaces.http.exports import export_response
from biseo.interfaces.http.schemas import RequestModel
from biseo.services.drafting.replies import MAX_COMPLAINT_CHARS
from biseo.services.drafting.reports import MAX_SOURCES, ReportKind

router = APIRouter(prefix="/v1", tags=["drafting"])

Format = Literal["md", "docx", "hwpx"]


class ReplyRequest(RequestModel):
    title: Annotated[str, Field(max_length=300)] = ""
    content: Annotated[str, Field(min_length=1, max_length=MAX_COMPLAINT_CHARS)]
    department: Annotated[str, Field(max_length=100)] | None = None  # default: the caller's unit


class ReportRequest(RequestModel):
    topic: Annotated[str, Field(min_length=1, max_length=200)]
    sources: Annotated[
        list[Annotated[str, Field(max_length=200)]], Field(min_length=1, max_length=MAX_SOURCES)
    ]
    kind: ReportKind = ReportKind.REPORT
    department: Annotated[str, Field(max_length=100)] | None = None


class ExportRequest(RequestModel):
    title: Annotated[str, Field(max_length=200)] = "민원 답변서"
    text: Annotated[str, Field(min_length=1, max_length=200_000)]
    format: Format = "hwpx"
    audit_id: Annotated[str, Field(max_length=64)] | None = None  # records the text as the final version


class FinalRequest(RequestModel):
    text: Annotated[str, Field(min_length=1, max_length=200_000)]


def _services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


@router.post("/drafts/reply", dependencies=[staff(EXPENSIVE)])
def reply(body: ReplyRequest, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    services = _services(request)
    draft, record_id = services.drafting.draft_reply(
        staff.agency, staff.id, body.title, body.content, body.department or staff.department
    )
    return {
        **draft.to_json(),
        "basis": services.drafting.reply_basis(staff.agency, draft),
        "audit_id": record_id,
    }


@router.post("/drafts/report", dependencies=[staff(EXPENSIVE)])
def report(body: ReportRequest, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    document, digests, verification, record_id = _services(request).drafting.draft_report(
        staff.agency,
        staff.id,
        body.topic,
        body.sources,
        body.kind,
        body.department or staff.department,
    )
    return {
        "verification": verification,
        "title": document.title,
        "mode": document.mode,
        "markdown": document.markdown(),
        "lines": document.lines(),
        "sources": [
            {
                "number": d.number,
                "title": d.title,
                "kind": d.kind,
                "bullets": [b.text for b in d.summary.bullets],
            }
            for d in digests
        ],
        "audit_id": record_id,
    }


@router.post("/drafts/export", dependencies=[staff()])
def export(body: ExportRequest, request: Request) -> Response:
    staff = current_staff(request)
    services = _services(request)
    if body.audit_id:
        services.audit.finalize(staff.agency, staff.id, body.audit_id, body.text)
    return export_response(text_document(body.title, body.text), body.format)


@router.get("/audit", dependencies=[staff()])
def audit_list(
    request: Request, kind: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> list[dict[str, Any]]:
    staff = current_staff(request)
    records = _services(request).audit.list(staff.agency, kind, limit)
    return [r.headline() for r in records]


@router.get("/audit/{record_id}", dependencies=[staff()])
def audit_get(record_id: str, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    return _services(request).audit.get(staff.agency, record_id).to_json()


@router.post("/audit/{record_id}/final", dependencies=[staff()])
def audit_final(record_id: str, body: FinalRequest, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    final = _services(request).audit.finalize(staff.agency, staff.id, record_id, body.text)
    return {"diff": final.diff, "created_at": final.created_at.isoformat()}
