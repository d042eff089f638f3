"""Drafting API for staff (``X-Staff-Key``): ``POST /v1/drafts/reply``, ``/v1/drafts/report``,
``/v1/drafts/export`` and the AI audit trail ``GET /v1/audit``, ``GET /v1/audit/{id}``,
``POST /v1/audit/{id}/final``. Records are scoped to the caller's agency."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field

from biseo.bootstrap import (
    Services,
    build_audit,
    draft_reply_recorded,
    draft_report_recorded,
    export_document,
    export_types,
    reply_basis,
)
from biseo.domain.drafting.report import OfficialDocument, text_document
from biseo.interfaces.api.complaints_routes import current_staff
from biseo.interfaces.api.schemas import RequestModel
from biseo.services.replies import MAX_COMPLAINT_CHARS
from biseo.services.reports import MAX_SOURCES, ReportKind

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


@router.post("/drafts/reply")
def reply(body: ReplyRequest, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    services = _services(request)
    draft, record_id = draft_reply_recorded(
        services, staff.agency, staff.id, body.title, body.content, body.department or staff.department
    )
    return {**draft.to_json(), "basis": reply_basis(services, staff.agency, draft), "audit_id": record_id}


@router.post("/drafts/report")
def report(body: ReportRequest, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    document, digests, verification, record_id = draft_report_recorded(
        _services(request),
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


def export_response(document: OfficialDocument, fmt: str) -> Response:
    data = export_document(document, fmt)
    return Response(
        data,
        media_type=export_types()[fmt],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''draft.{fmt}"},
    )


@router.post("/drafts/export")
def export(body: ExportRequest, request: Request) -> Response:
    staff = current_staff(request)
    services = _services(request)
    if body.audit_id:
        build_audit(services).finalize(staff.agency, staff.id, body.audit_id, body.text)
    return export_response(text_document(body.title, body.text), body.format)


@router.get("/audit")
def audit_list(
    request: Request, kind: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> list[dict[str, Any]]:
    staff = current_staff(request)
    records = build_audit(_services(request)).list(staff.agency, kind, limit)
    return [r.headline() for r in records]


@router.get("/audit/{record_id}")
def audit_get(record_id: str, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    return build_audit(_services(request)).get(staff.agency, record_id).to_json()


@router.post("/audit/{record_id}/final")
def audit_final(record_id: str, body: FinalRequest, request: Request) -> dict[str, Any]:
    staff = current_staff(request)
    final = build_audit(_services(request)).finalize(staff.agency, staff.id, record_id, body.text)
    return {"diff": final.diff, "created_at": final.created_at.isoformat()}
