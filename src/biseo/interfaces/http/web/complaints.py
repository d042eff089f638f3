"""민원 pages for staff: sign-in with the staff key, the handler's queue, a case view with its
workflow buttons, and the dashboard (server-drawn SVG charts with data tables; no JavaScript needed).

The key is kept in an HttpOnly, SameSite=Strict cookie, so other sites cannot post forms as the
official; every action goes through the same service and access rules as the API.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from biseo.domain.complaints.cases import Action, CaseState
from biseo.domain.complaints.commands import (
    Approve,
    AssignCase,
    CaseCommand,
    DraftAnswer,
    LinkCase,
    ReceiveSupplement,
    Reject,
    RequestSupplement,
    StartWork,
    SubmitForApproval,
    Transfer,
    extension,
)
from biseo.domain.errors import BiseoError
from biseo.interfaces.http.access import public, staff
from biseo.interfaces.http.auth import (
    STAFF_COOKIE,
    client_address,
    current_staff,
    key_hash,
    locked_message,
    sign_in_limit,
)
from biseo.interfaces.http.deps import services_of
from biseo.interfaces.http.staff_sessions import SESSION_SECONDS, issue, session_key
from biseo.interfaces.http.web.notices import case_url, verified
from biseo.interfaces.http.web.templating import templates

router = APIRouter(include_in_schema=False)
log = logging.getLogger("biseo.web")
_SIGNED_IN_PAGES = ("/complaints", "/drafts", "/search", "/documents/")  # where sign-in may return

ACTION_LABELS = {
    Action.ASSIGN: "배정",
    Action.START: "처리 시작",
    Action.REQUEST_SUPPLEMENT: "보완 요청",
    Action.SUPPLEMENT_RECEIVED: "보완 접수",
    Action.DRAFT: "답변 저장",
    Action.SUBMIT: "결재 상신",
    Action.APPROVE: "결재(승인)",
    Action.REJECT: "반려",
    Action.TRANSFER: "이송",
    Action.EXTEND: "기간 연장",
    Action.LINK: "중복 민원 연결",
}
# The form field (name, label) of the steps that carry one text; TRANSFER and the structured
# steps have their own fields in the template.
TEXT_FIELD = {
    Action.REQUEST_SUPPLEMENT: ("request", "보완 요청 내용"),
    Action.DRAFT: ("answer", "답변"),
    Action.REJECT: ("reason", "반려 사유"),
    Action.TRANSFER: ("reason", "이송 사유"),
}
# How the case page's form fields become each step's command (absent or blank fields: "").
_FORM_COMMANDS: dict[Action, Callable[[str, Mapping[str, str]], CaseCommand]] = {
    Action.ASSIGN: lambda case_id, f: AssignCase(case_id, f.get("department"), f.get("handler")),
    Action.START: lambda case_id, _: StartWork(case_id),
    Action.REQUEST_SUPPLEMENT: lambda case_id, f: RequestSupplement(case_id, f.get("request", "")),
    Action.SUPPLEMENT_RECEIVED: lambda case_id, _: ReceiveSupplement(case_id),
    Action.DRAFT: lambda case_id, f: DraftAnswer(case_id, f.get("answer", "")),
    Action.SUBMIT: lambda case_id, _: SubmitForApproval(case_id),
    Action.APPROVE: lambda case_id, _: Approve(case_id),
    Action.REJECT: lambda case_id, f: Reject(case_id, f.get("reason", "")),
    Action.TRANSFER: lambda case_id, f: Transfer(case_id, f.get("to_agency", ""), f.get("reason", "")),
    Action.EXTEND: lambda case_id, f: extension(case_id, f.get("amount"), f.get("reason"), "consent" in f),
    Action.LINK: lambda case_id, f: LinkCase(
        case_id, f.get("earlier_id", ""), f.get("relation", "duplicate")
    ),
}


@router.get("/complaints/login", dependencies=[public()], response_class=HTMLResponse)
def login_page(request: Request, next: str = "/complaints") -> HTMLResponse:
    return templates.TemplateResponse(request, "complaints_login.html", {"next": next, "error": ""})


@router.post("/complaints/login", dependencies=[public()])
def login(
    request: Request, key: Annotated[str, Form(max_length=200)], next: Annotated[str, Form()] = "/complaints"
) -> Response:
    services = services_of(request)
    address = client_address(request)
    locked = services.limiter.blocked(sign_in_limit(request), address)
    if not locked.allowed:
        log.warning("sign-in refused: %s locked out for %d s", address, locked.retry_after)
        return _login_error(request, next, locked_message(locked.retry_after), 429, locked.retry_after)
    if not key or services.complaints.staff_for_key(key_hash(key)) is None:
        services.limiter.hit(sign_in_limit(request), address)
        log.warning("sign-in failed from %s", address)
        return _login_error(request, next, "키가 올바르지 않습니다.", 401)
    target = next if next.startswith(_SIGNED_IN_PAGES) and not next.startswith("//") else "/complaints"
    response = RedirectResponse(target, status_code=303)
    token = issue(session_key(request.app.state.services.installation_secret), key_hash(key), time.time())
    response.set_cookie(
        STAFF_COOKIE,
        token,
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


def _login_error(request: Request, next: str, message: str, status: int, retry_after: int = 0) -> Response:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    context = {"next": next, "error": message}
    return templates.TemplateResponse(
        request, "complaints_login.html", context, status_code=status, headers=headers
    )


@router.post("/complaints/logout", dependencies=[public()])
def logout() -> Response:
    response = RedirectResponse("/complaints/login", status_code=303)
    response.delete_cookie(STAFF_COOKIE)
    return response


@router.get("/complaints", dependencies=[staff()], response_class=HTMLResponse)
def queue_page(request: Request, state: str = "", overdue: bool = False) -> Response:
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    complaints = request.app.state.services.complaints
    now = complaints.now()
    chosen = CaseState(state) if state in {s.value for s in CaseState} else None
    cases = complaints.queue(
        staff, state=chosen, due_before=now if overdue else None, open_only=not chosen, limit=300
    )
    context = {
        "staff": staff,
        "cases": cases,
        "now": now,
        "states": list(CaseState),
        "state": state,
        "overdue": overdue,
    }
    return templates.TemplateResponse(request, "complaints_queue.html", context)


@router.get("/complaints/dashboard", dependencies=[staff()], response_class=HTMLResponse)
def dashboard_page(request: Request) -> Response:
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    stats = request.app.state.services.complaints.analytics(staff)
    charts = {
        "부서별": _bars(stats.by_department),
        "상태별": _bars(stats.by_state),
        "종류별": _bars(stats.by_kind),
    }
    return templates.TemplateResponse(
        request, "complaints_dashboard.html", {"staff": staff, "stats": stats, "charts": charts}
    )


@router.get("/complaints/{case_id}", dependencies=[staff()], response_class=HTMLResponse)
def case_page(request: Request, case_id: str, done: str = "", error: str = "", sig: str = "") -> Response:
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    complaints = request.app.state.services.complaints
    try:
        view = complaints.view(staff, case_id)
    except BiseoError as exc:
        return templates.TemplateResponse(
            request, "complaints_error.html", {"staff": staff, "message": exc.message_ko}, status_code=404
        )
    context = {
        "staff": staff,
        "view": view,
        "now": complaints.now(),
        "labels": ACTION_LABELS,
        "text_field": TEXT_FIELD,
        "done": verified(request, "done", done, sig),
        "error": verified(request, "error", error, sig),
        "Action": Action,
    }
    return templates.TemplateResponse(request, "complaint_case.html", context)


@router.post("/complaints/{case_id}/act", dependencies=[staff()])
async def act(request: Request, case_id: str) -> Response:
    staff = current_staff(request)  # signed in: the route's staff() rule saw to it
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str) and v.strip()}
    action = next((a for a in _FORM_COMMANDS if a.value == fields.get("action")), None)
    if action is None:
        return RedirectResponse(
            case_url(request, case_id, "error", "알 수 없는 처리입니다."), status_code=303
        )
    try:
        request.app.state.services.complaints.handle(staff, _FORM_COMMANDS[action](case_id, fields))
    except BiseoError as exc:
        return RedirectResponse(case_url(request, case_id, "error", exc.message_ko), status_code=303)
    return RedirectResponse(
        case_url(request, case_id, "done", ACTION_LABELS.get(action, "처리")), status_code=303
    )


def _bars(counts: dict[str, int]) -> dict[str, Any]:
    """Horizontal bars as data for the SVG template: label, value, width in percent."""
    top = max(counts.values(), default=0) or 1
    rows = [{"label": k, "value": v, "width": round(100 * v / top, 1)} for k, v in list(counts.items())[:15]]
    return {"rows": rows, "height": 24 * len(rows) + 8}
