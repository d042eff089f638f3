"""Wiring of 민원 cases, their routing and their notices (builds only on ``bootstrap.adapters``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from biseo.bootstrap.adapters import (
    build_analyzer,
    build_calendar,
    build_database,
    build_embedder,
    build_notifiers,
    build_parser,
    office_now,
)
from biseo.config import Settings
from biseo.domain.complaints.approval import ApprovalLine
from biseo.domain.complaints.routing import RouteSuggestion
from biseo.services.complaints.alerts import CaseAlerts
from biseo.services.complaints.routing import RoutingService, case_history
from biseo.services.complaints.routing_evaluation import LabelledComplaint
from biseo.services.complaints.service import ComplaintService
from biseo.services.ports import Analyzer, Embedder

if TYPE_CHECKING:
    from biseo.adapters.storage.database import Database


def build_complaints(
    settings: Settings, database: Database, analyzer: Analyzer, secret: bytes
) -> ComplaintService:
    """민원 cases on the same database as the documents, with routing suggestions when a model exists;
    ``secret`` is the installation's (``Services.installation_secret``)."""
    from biseo.adapters.storage.case_store import SqlCaseStore

    now = office_now()
    routing: list[RoutingService] = []

    def suggest(title: str, content: str) -> RouteSuggestion | None:
        if not (settings.home / "models" / "router.pkl").is_file():
            return None
        if not routing:
            routing.append(build_routing(settings))
        advice = routing[0].suggest(title, content)
        return RouteSuggestion(
            advice.primary.unit,
            advice.primary.confidence,
            tuple(s.unit for s in advice.cooperating),
            tuple(s.unit for s in advice.alternatives),
        )

    return ComplaintService(
        store=SqlCaseStore(database),
        analyzer=analyzer,
        calendar=build_calendar(settings, range(2000, now.year + 3)),
        secret=secret,
        now=office_now,
        approval_lines=_approval_lines(settings),
        suggest_route=suggest,
        parser=build_parser(),
        max_attachment_bytes=settings.max_file_bytes,
    )


def build_alerts(settings: Settings, complaints: ComplaintService) -> CaseAlerts:
    return CaseAlerts(
        complaints.store,
        build_notifiers(settings, staff=True),
        office_now,
        complaints.calendar,
        due_soon_hours=settings.due_soon_hours,
        base_url=settings.public_url,
    )


def _approval_lines(settings: Settings) -> dict[str, ApprovalLine]:
    if not settings.approval_rules:
        return {}
    raw = json.loads(Path(settings.approval_rules).read_text(encoding="utf-8"))
    return {agency: ApprovalLine.from_mapping(rules) for agency, rules in raw.items()}


def build_routing_embedder(settings: Settings) -> Embedder | None:
    """Sentence vectors for routing: the configured embedder when dense retrieval is on, else the
    local e5 when the dense extra is installed (routing embeds only a few thousand short texts),
    else None (TF-IDF only). ``BISEO_ROUTE_EMBEDDINGS=off`` turns them off."""
    if settings.route_embeddings.strip().lower() == "off":
        return None
    if settings.dense.strip().lower() != "off":
        return build_embedder(settings)
    try:
        from biseo.adapters.embedding.local_e5 import LocalE5Embedder

        return LocalE5Embedder(max_tokens=256, precision=settings.embedding_precision)
    except ImportError:
        return None


def build_routing(settings: Settings) -> RoutingService:
    """The department router trained from answered complaints, kept under ``$BISEO_HOME/models``."""
    from biseo.adapters.routing.linear_router import KoreanRouter
    from biseo.adapters.routing.model_file import PickledRouterStore

    embedder = build_routing_embedder(settings)
    return RoutingService(
        analyzer=build_analyzer(),
        make_router=lambda: KoreanRouter(embedder),
        models=PickledRouterStore(settings.home / "models" / "router.pkl", embedder),
    )


def routing_history(settings: Settings, agency: str) -> list[LabelledComplaint]:
    """The agency's closed cases as routing examples (the unit that answered, after reassignment)."""
    from biseo.adapters.storage.case_store import SqlCaseStore

    database = build_database(settings)  # only the database: no search index, embedder or calendar
    try:
        return case_history(SqlCaseStore(database).answered_cases(agency))
    finally:
        database.close()
