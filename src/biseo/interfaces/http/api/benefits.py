"""``/v1/benefits``: eligibility, explanations, the next question and batch screening (국민비서 Open API)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field

from biseo.bootstrap import Services
from biseo.domain.benefits.profile import profile_from_mapping
from biseo.domain.errors import NotFound
from biseo.domain.security.limits import CITIZEN_WRITE, EXPENSIVE
from biseo.interfaces.http.access import public
from biseo.interfaces.http.schemas import RequestModel
from biseo.services.benefits.service import finding_to_dict, search_hit_to_dict

router = APIRouter(prefix="/v1/benefits", tags=["benefits"])
MAX_BATCH = 1000


class ProfileRequest(RequestModel):
    profile: dict[str, Any]
    as_of: date | None = None
    include_ineligible: bool = False
    limit: Annotated[int, Field(ge=1, le=2000)] = 100


class ExplainRequest(RequestModel):
    service_id: Annotated[str, Field(min_length=1, max_length=64)]
    profile: dict[str, Any]
    as_of: date | None = None


class BatchRequest(RequestModel):
    profiles: Annotated[list[dict[str, Any]], Field(min_length=1, max_length=MAX_BATCH)]
    as_of: date | None = None


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


@router.post("/eligibility", dependencies=[public()])
def eligibility(body: ProfileRequest, request: Request) -> dict[str, Any]:
    day = body.as_of or date.today()
    findings, counts = _services(request).benefits.check(
        profile_from_mapping(body.profile), day, include_ineligible=body.include_ineligible, limit=body.limit
    )
    return {"as_of": day.isoformat(), "counts": counts, "services": [finding_to_dict(f) for f in findings]}


class SearchRequest(RequestModel):
    q: Annotated[str, Field(min_length=1, max_length=500)]
    profile: dict[str, Any] | None = None
    as_of: date | None = None
    limit: Annotated[int, Field(ge=1, le=100)] = 20


@router.post("/search", dependencies=[public()])
def search(body: SearchRequest, request: Request) -> dict[str, Any]:
    day = body.as_of or date.today()
    profile = profile_from_mapping(body.profile) if body.profile is not None else None
    hits = _services(request).benefits.search(body.q, profile, day, body.limit)
    return {"as_of": day.isoformat(), "hits": [search_hit_to_dict(hit, score) for hit, score in hits]}


@router.post("/explain", dependencies=[public()])
def explain(body: ExplainRequest, request: Request) -> dict[str, Any]:
    day = body.as_of or date.today()
    finding = _services(request).benefits.explain(body.service_id, profile_from_mapping(body.profile), day)
    return {"as_of": day.isoformat(), **finding_to_dict(finding)}


@router.post("/next-question", dependencies=[public()])
def next_question(body: ProfileRequest, request: Request) -> dict[str, Any]:
    day = body.as_of or date.today()
    questions = _services(request).benefits.next_questions(profile_from_mapping(body.profile), day)
    return {
        "as_of": day.isoformat(),
        "questions": [
            {"field": q.field, "question": q.text, "settles": q.settles, "touches": q.touches}
            for q in questions
        ],
    }


@router.post("/batch", dependencies=[public(EXPENSIVE)])
def batch(body: BatchRequest, request: Request) -> dict[str, Any]:
    day = body.as_of or date.today()
    profiles = [profile_from_mapping(p) for p in body.profiles]
    return {"as_of": day.isoformat(), "results": _services(request).benefits.batch(profiles, day)}


class SubscriptionRequest(RequestModel):
    profile: dict[str, Any]
    email: Annotated[str, Field(max_length=254)] | None = None
    webhook: bool = False


@router.post("/subscriptions", dependencies=[public(CITIZEN_WRITE)], status_code=201)
def subscribe(body: SubscriptionRequest, request: Request) -> dict[str, str]:
    """혜택알리미: returns the unsubscribe token once (it also comes in every message's link)."""
    subscription_id, token = _services(request).benefit_alerts.subscribe(
        body.profile, email=body.email, webhook=body.webhook
    )
    return {"subscription": subscription_id, "unsubscribe_token": token}


@router.delete("/subscriptions/{token}", dependencies=[public(CITIZEN_WRITE)], status_code=204)
def unsubscribe(token: str, request: Request) -> None:
    if not _services(request).benefit_alerts.unsubscribe(token):
        raise NotFound("subscription token")
