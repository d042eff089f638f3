"""The official's drafting page: paste a 민원, get a draft whose every [n] links to its source
passage, with the citation check and the 공문서 lint beside it; edit it and download HWPX (the edited
text is kept in the audit trail as the final version). Works without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from biseo.bootstrap import build_audit, draft_reply_recorded
from biseo.domain.cases import Action
from biseo.domain.drafting.lint import lint
from biseo.domain.drafting.report import text_document
from biseo.domain.errors import BiseoError, Unauthenticated
from biseo.interfaces.api.complaints_routes import current_staff
from biseo.interfaces.api.drafts_routes import export_response
from biseo.services.replies import MAX_COMPLAINT_CHARS, WEAK_MATCH

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
_LOGIN = "/complaints/login?next=/drafts/reply"


def linked(text: str) -> Markup:
    """The draft as HTML with every [n] a link to its source (everything else escaped)."""
    out, last = [], 0
    for m in re.finditer(r"\[(\d{1,3})\]", text):
        out.append(escape(text[last : m.start()]))
        n = m.group(1)
        out.append(Markup('<a href="#source-{0}" class="cite">[{0}]</a>').format(n))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


@router.get("/drafts/reply", response_class=HTMLResponse)
def reply_form(request: Request) -> Response:
    try:
        staff = current_staff(request)
    except Unauthenticated:
        return RedirectResponse(_LOGIN, status_code=303)
    return templates.TemplateResponse(
        request, "draft_reply.html", {"staff": staff, "max_chars": MAX_COMPLAINT_CHARS}
    )


@router.post("/drafts/reply", response_class=HTMLResponse)
def reply_draft(
    request: Request,
    content: Annotated[str, Form(max_length=MAX_COMPLAINT_CHARS)] = "",
    title: Annotated[str, Form(max_length=300)] = "",
    case_id: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        staff = current_staff(request)
    except Unauthenticated:
        return RedirectResponse(_LOGIN, status_code=303)
    context = {
        "staff": staff,
        "max_chars": MAX_COMPLAINT_CHARS,
        "title": title,
        "content": content,
        "case_id": case_id,
    }
    try:
        services = request.app.state.services
        department = staff.department
        if case_id:  # the case's unit answers; the view also checks the official may see it
            department = services.complaints.view(staff, case_id).case.department or department
        draft, record_id = draft_reply_recorded(services, staff.agency, staff.id, title, content, department)
    except BiseoError as exc:
        context["error"] = exc.message_ko
        return templates.TemplateResponse(request, "draft_reply.html", context, status_code=422)
    context.update(
        draft=draft,
        record_id=record_id,
        preview=linked(draft.text),
        report=draft.verification(),
        weak_match=WEAK_MATCH,
    )
    return templates.TemplateResponse(request, "draft_reply.html", context)


@router.post("/drafts/export")
def export(
    request: Request,
    text: Annotated[str, Form(min_length=1, max_length=200_000)],
    audit_id: Annotated[str, Form(max_length=64)] = "",
    format: Annotated[str, Form(pattern="^(hwpx|docx|md)$")] = "hwpx",
) -> Response:
    try:
        staff = current_staff(request)
    except Unauthenticated:
        return RedirectResponse(_LOGIN, status_code=303)
    if audit_id:
        build_audit(request.app.state.services).finalize(staff.agency, staff.id, audit_id, text)
    return export_response(text_document("민원 답변서", text), format)


@router.post("/drafts/save")
def save_as_answer(
    request: Request,
    text: Annotated[str, Form(min_length=1, max_length=200_000)],
    case_id: Annotated[str, Form(min_length=1, max_length=100)],
    audit_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """The edited draft becomes the case's 답변 (the 답변 저장 step, same access rules as the case
    page) and the audit trail's final version."""
    try:
        staff = current_staff(request)
    except Unauthenticated:
        return RedirectResponse(_LOGIN, status_code=303)
    services = request.app.state.services
    try:
        services.complaints.act(staff, case_id, Action.DRAFT, answer=text)
        if audit_id:
            build_audit(services).finalize(staff.agency, staff.id, audit_id, text)
    except BiseoError as exc:
        return RedirectResponse(
            f"/complaints/{quote(case_id)}?error={quote(exc.message_ko)}", status_code=303
        )
    return RedirectResponse(f"/complaints/{quote(case_id)}?done={quote('답변 저장')}", status_code=303)


@router.post("/drafts/lint", response_class=HTMLResponse)
def relint(request: Request, text: Annotated[str, Form(max_length=200_000)] = "") -> Response:
    """The 공문서 check again on the edited text (for the page's 다시 검사 button)."""
    try:
        current_staff(request)
    except Unauthenticated:
        return RedirectResponse(_LOGIN, status_code=303)
    return templates.TemplateResponse(request, "draft_lint.html", {"issues": lint(text)})
