"""The official's drafting page: the complaint and the draft side by side, the draft editable, its
sources (조문 and past answers) listed with their text, and the 보낼 문안 — the text that goes out,
with [n] turned into 「법령」 제N조 citations — beside it. Export and save send the 보낼 문안 (the
audit trail keeps it as the final version). Works without JavaScript; the one script only keeps
the 보낼 문안 current while the official types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from biseo.bootstrap import Services
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.commands import DraftAnswer
from biseo.domain.drafting.citation_text import CitedSource, outgoing_text, unfilled
from biseo.domain.drafting.lint import lint
from biseo.domain.drafting.report import text_document
from biseo.domain.errors import BiseoError
from biseo.domain.security.limits import EXPENSIVE
from biseo.interfaces.http.access import staff
from biseo.interfaces.http.auth import current_staff
from biseo.interfaces.http.exports import export_response
from biseo.interfaces.http.web.notices import case_url
from biseo.interfaces.http.web.templating import templates
from biseo.services.drafting.replies import MAX_COMPLAINT_CHARS, WEAK_MATCH

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Basis:
    """Whom the draft is written as: the agency, the answering unit and where that came from."""

    agency: str
    department: str | None
    reason: str


def basis_of(services: Services, staff: Staff, chosen: str = "", case_unit: str | None = None) -> Basis:
    """The unit typed on the page, else the case's assigned unit, else the signed-in official's,
    else the installation's ``BISEO_DEPARTMENT`` setting; the agency is the official's."""
    settings = services.settings
    agency = staff.agency or getattr(settings, "agency", None) or ""
    default = Basis(agency, None, f"로그인한 직원({staff.name})의 기관 · 부서 미지정")
    for department, reason in (
        (case_unit, "민원 배정 부서"),
        (staff.department, f"로그인한 직원({staff.name})의 소속"),
        (getattr(settings, "department", None), "설정 BISEO_DEPARTMENT"),
    ):
        if department:
            default = Basis(agency, department, reason)
            break
    chosen = " ".join(chosen.split())
    if chosen and chosen != default.department:
        return Basis(agency, chosen, "직접 지정한 부서")
    return default


@router.get("/drafts/reply", dependencies=[staff()], response_class=HTMLResponse)
def reply_form(request: Request) -> Response:
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    basis = basis_of(request.app.state.services, staff)
    context = {"staff": staff, "max_chars": MAX_COMPLAINT_CHARS, "basis": basis}
    return templates.TemplateResponse(request, "draft_reply.html", context)


@router.post("/drafts/reply", dependencies=[staff(EXPENSIVE)], response_class=HTMLResponse)
def reply_draft(
    request: Request,
    content: Annotated[str, Form(max_length=MAX_COMPLAINT_CHARS)] = "",
    title: Annotated[str, Form(max_length=300)] = "",
    case_id: Annotated[str, Form(max_length=100)] = "",
    department: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    services = request.app.state.services
    context: dict[str, Any] = {"staff": staff, "max_chars": MAX_COMPLAINT_CHARS, "title": title}
    context.update(content=content, case_id=case_id, basis=basis_of(services, staff, department))
    try:  # a case's assigned unit answers it; the view also checks the official may see the case
        case_unit = services.complaints.view(staff, case_id).case.department if case_id else None
        context["basis"] = basis = basis_of(services, staff, department, case_unit)
        draft, record_id = services.drafting.draft_reply(
            basis.agency, staff.id, title, content, basis.department
        )
    except BiseoError as exc:
        context["error"] = exc.message_ko
        return templates.TemplateResponse(request, "draft_reply.html", context, status_code=422)
    sources = [CitedSource(s.number, str(s.kind), s.label) for s in draft.sources]
    outgoing = outgoing_text(draft.text, sources, _notes(draft.text))
    context.update(draft=draft, record_id=record_id, report=draft.verification(), weak_match=WEAK_MATCH)
    context.update(outgoing=outgoing, unfilled=unfilled(outgoing))
    context["used"] = services.drafting.reply_basis(basis.agency, draft)  # what it drew on, or why nothing
    return templates.TemplateResponse(request, "draft_reply.html", context)


def _notes(draft_text: str) -> list[str]:
    """The ※ lines a generated draft carries: notes for the official, never sent."""
    return [line.strip() for line in draft_text.splitlines() if line.strip().startswith("※")]


def _outgoing(services: Services, agency: str, audit_id: str, text: str) -> str:
    """The edited text as it goes out, cited from the sources the draft was recorded with (without
    a record every marker is simply removed)."""
    sources: list[CitedSource] = []
    notes: list[str] = []
    if audit_id:
        try:
            record = services.audit.get(agency, audit_id)
        except BiseoError:
            record = None
        if record is not None:
            sources = [_cited(s) for s in record.sources if isinstance(s.get("number"), int)]
            notes = _notes(record.output)
    return outgoing_text(text, sources, notes)


def _cited(source: dict[str, Any]) -> CitedSource:
    return CitedSource(source["number"], str(source.get("kind", "")), str(source.get("label", "")))


@router.post("/drafts/outgoing", dependencies=[staff()], response_model=None)
def outgoing(
    request: Request,
    text: Annotated[str, Form(max_length=200_000)] = "",
    audit_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """보낼 문안 of the edited text: JSON for the page's script, a page of its own without it."""
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    result = _outgoing(request.app.state.services, staff.agency, audit_id, text)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"text": result, "unfilled": unfilled(result)})
    context = {"staff": staff, "outgoing": result, "unfilled": unfilled(result)}
    return templates.TemplateResponse(request, "draft_outgoing.html", context)


@router.post("/drafts/export", dependencies=[staff()])
def export(
    request: Request,
    text: Annotated[str, Form(min_length=1, max_length=200_000)],
    audit_id: Annotated[str, Form(max_length=64)] = "",
    format: Annotated[str, Form(pattern="^(hwpx|docx|md)$")] = "hwpx",
) -> Response:
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    services = request.app.state.services
    sent = _outgoing(services, staff.agency, audit_id, text)
    if audit_id:
        services.audit.finalize(staff.agency, staff.id, audit_id, sent)
    return export_response(text_document("민원 답변서", sent), format)


@router.post("/drafts/save", dependencies=[staff()])
def save_as_answer(
    request: Request,
    text: Annotated[str, Form(min_length=1, max_length=200_000)],
    case_id: Annotated[str, Form(min_length=1, max_length=100)],
    audit_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """The 보낼 문안 of the edited draft becomes the case's 답변 (the 답변 저장 step, same access
    rules as the case page) and the audit trail's final version."""
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    services = request.app.state.services
    try:
        sent = _outgoing(services, staff.agency, audit_id, text)
        services.complaints.handle(staff, DraftAnswer(case_id, sent))
        if audit_id:
            services.audit.finalize(staff.agency, staff.id, audit_id, sent)
    except BiseoError as exc:
        return RedirectResponse(case_url(request, case_id, "error", exc.message_ko), status_code=303)
    return RedirectResponse(case_url(request, case_id, "done", "답변 저장"), status_code=303)


@router.post("/drafts/lint", dependencies=[staff()], response_class=HTMLResponse)
def relint(request: Request, text: Annotated[str, Form(max_length=200_000)] = "") -> Response:
    """The 공문서 check again on the edited text (for the page's 다시 검사 button)."""
    return templates.TemplateResponse(request, "draft_lint.html", {"issues": lint(text)})
