"""국민비서 citizen pages: one question at a time, results by status with reasons, 혜택알리미 sign-up and
unsubscribe. Plain HTML forms (works without JavaScript), labelled fields, keyboard order = reading order."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from biseo.bootstrap import Services
from biseo.domain.benefits.evaluation import Status
from biseo.domain.benefits.profile import (
    EMPLOYMENT,
    FLAGS,
    MARITAL,
    RECEIVES_KEYS,
    SCHOOL,
    SEX,
    profile_from_mapping,
)
from biseo.domain.benefits.questions import ASKED_WITH, QUESTION_TEXT
from biseo.domain.benefits.regions import SEOUL_DISTRICTS, SIDO
from biseo.domain.errors import BiseoError
from biseo.domain.security.limits import CITIZEN_WRITE
from biseo.interfaces.http.access import public
from biseo.interfaces.http.web.templating import templates
from biseo.services.benefits.service import finding_to_dict

router = APIRouter(include_in_schema=False)


def _dot_date(value: str | None) -> str:
    """2026-03-29 → 2026. 3. 29. (공문서 날짜 표기)"""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{day.year}. {day.month}. {day.day}."


templates.env.filters["dot"] = _dot_date

# query parameter → how to read it; money is asked in 만원, as people say it
_TEXT = ("birth_date", "sido", "sigungu", "residence_since", "employment", "school", "marital", "sex")
_INTS = ("household_size",)
_MANWON = ("monthly_income",)
ANSWER_KEYS = (*_TEXT, *_INTS, *_MANWON, "annual_income", "children", "receives", *FLAGS)
CHOICES = {"employment": EMPLOYMENT, "school": SCHOOL, "marital": MARITAL, "sex": SEX}
SIDO_CHOICES = [short for _code, (_full, short) in sorted(SIDO.items())] + ["전남광주통합특별시"]


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def profile_mapping(params: dict[str, str]) -> dict[str, Any]:
    """The answered questions from the form's fields (each kept as a hidden field on the next step)."""
    out: dict[str, Any] = {}
    for key in _TEXT:
        if params.get(key):
            out[key] = params[key].strip()
    for key in (*_INTS, "annual_income"):
        if params.get(key):
            out[key] = _int(params[key])
    for key in _MANWON:
        if params.get(key):
            out[key] = _int(params[key]) * 10_000
    for key in FLAGS:
        if params.get(key) in ("yes", "no"):
            out[key] = params[key] == "yes"
    children = params.get("children", "").strip()
    if children:
        out["children"] = (
            []
            if children == "none"
            else [c.strip() for c in children.replace("\n", ",").split(",") if c.strip()]
        )
    receives = params.get("receives", "").strip()
    if receives:
        out["receives"] = [] if receives == "none" else [r for r in receives.split(",") if r]
    return out


def _int(value: str) -> int | str:
    text = value.replace(",", "").strip()
    return int(text) if text.isdigit() else value  # the domain refuses a non-number with a Korean message


@router.get("/benefits", dependencies=[public()], response_class=HTMLResponse)
def benefits_start(request: Request) -> HTMLResponse:
    return _render(request, {}, [])


@router.post("/benefits", dependencies=[public()], response_class=HTMLResponse)
async def benefits_step(request: Request) -> HTMLResponse:
    """Answers travel in the form body (POST), never in URLs, access logs or the browser history."""
    form = await request.form()
    params = {k: str(v) for k, v in form.items() if k != "receives_item"}
    return _render(request, params, [str(v) for v in form.getlist("receives_item")])


def _render(request: Request, params: dict[str, str], receives: list[str]) -> HTMLResponse:
    if receives and not params.get("receives"):
        params["receives"] = ",".join(receives)
    skipped = [s for s in params.get("skip", "").split(",") if s]
    if params.get("skip_field"):
        skipped.append(params["skip_field"])
    answers = {k: params[k] for k in ANSWER_KEYS if params.get(k)}
    today = date.today()
    context: dict[str, Any] = {"answers": answers, "skip": ",".join(skipped), "error": None, "question": None}
    try:
        profile = profile_from_mapping(profile_mapping(answers))
    except BiseoError as exc:
        context["error"] = exc.message_ko
        profile = profile_from_mapping({})
    service = _services(request).benefits
    findings, counts = service.check(profile, today, include_ineligible=True, limit=None)
    grouped: dict[str, list[dict[str, Any]]] = {str(s): [] for s in Status}
    for finding in findings:
        grouped[str(finding.decision.status)].append(finding_to_dict(finding))
    questions = [q for q in service.next_questions(profile, today, limit=30) if q.field not in skipped]
    if questions:
        q = questions[0]
        context["question"] = {"field": q.field, "text": QUESTION_TEXT[q.field], "settles": q.settles}
    context.update(
        counts=counts,
        grouped=grouped,
        statuses=[str(s) for s in Status],
        answered=len({ASKED_WITH.get(k, k) for k in answers}),
        choices=CHOICES,
        sido_choices=SIDO_CHOICES,
        districts=sorted(SEOUL_DISTRICTS.values()),
        receives_keys=RECEIVES_KEYS,
        flag_questions={f: QUESTION_TEXT[f] for f in FLAGS},
        restart_url="/benefits",
        subscribe_query=urlencode(answers),
    )
    return templates.TemplateResponse(request, "benefits.html", context)


@router.post("/benefits/subscribe", dependencies=[public(CITIZEN_WRITE)], response_class=HTMLResponse)
def subscribe(
    request: Request, email: str = Form(...), consent: str = Form(""), answers: str = Form("")
) -> HTMLResponse:
    from urllib.parse import parse_qsl

    message, ok = "", False
    if consent != "yes":
        message = "알림을 받으려면 개인정보 수집·이용(전자우편 주소와 답한 항목)에 동의해 주세요."
    else:
        try:
            mapping = profile_mapping(dict(parse_qsl(answers)))
            _services(request).benefit_alerts.subscribe(mapping, email=email.strip())
            message, ok = "혜택알리미를 신청했습니다. 새 혜택이 생기면 전자우편으로 알려 드립니다.", True
        except BiseoError as exc:
            message = exc.message_ko
    return templates.TemplateResponse(
        request, "benefits_notice.html", {"message": message, "ok": ok}, status_code=200 if ok else 400
    )


@router.get("/benefits/unsubscribe", dependencies=[public()], response_class=HTMLResponse)
def unsubscribe_form(request: Request, token: str = "") -> HTMLResponse:
    return templates.TemplateResponse(request, "benefits_unsubscribe.html", {"token": token, "done": None})


@router.post("/benefits/unsubscribe", dependencies=[public(CITIZEN_WRITE)], response_class=HTMLResponse)
def unsubscribe(request: Request, token: str = Form("")) -> HTMLResponse:
    done = bool(token) and _services(request).benefit_alerts.unsubscribe(token)
    return templates.TemplateResponse(
        request, "benefits_unsubscribe.html", {"token": "", "done": done}, status_code=200 if done else 404
    )
