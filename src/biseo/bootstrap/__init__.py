"""The one place that names concrete adapters. ``adapters`` is the leaf (one builder per adapter);
``complaints``, ``benefits`` and ``drafting`` wire their feature on it; ``container`` holds the
``Services`` every interface uses; ``evaluation`` builds whole workspaces for ``biseo eval``."""

from __future__ import annotations

from biseo.bootstrap.adapters import (
    build_analyzer,
    build_calendar,
    build_chat,
    build_dense,
    build_embedder,
    build_index,
    build_privacy,
    build_store,
    build_token_cache,
    configure_logging,
    export_document,
    export_types,
    office_now,
)
from biseo.bootstrap.benefits import build_benefits, rule_tests
from biseo.bootstrap.complaints import build_alerts, build_routing, build_routing_embedder, routing_history
from biseo.bootstrap.container import Services, build_services
from biseo.bootstrap.drafting import (
    build_citations,
    build_pii_evaluation,
    build_reply_evaluation,
    build_reports,
    build_summaries,
    build_summary_evaluation,
    record_settings,
)
from biseo.bootstrap.evaluation import build_route_evaluation, build_search_evaluation
from biseo.bootstrap.security import api_keys_configured
from biseo.services.drafting.desk import UNSCOPED_AGENCY, SummaryInput

__all__ = [
    "UNSCOPED_AGENCY",
    "Services",
    "SummaryInput",
    "api_keys_configured",
    "build_alerts",
    "build_analyzer",
    "build_benefits",
    "build_calendar",
    "build_chat",
    "build_citations",
    "build_dense",
    "build_embedder",
    "build_index",
    "build_pii_evaluation",
    "build_privacy",
    "build_reply_evaluation",
    "build_reports",
    "build_route_evaluation",
    "build_routing",
    "build_routing_embedder",
    "build_search_evaluation",
    "build_services",
    "build_store",
    "build_summaries",
    "build_summary_evaluation",
    "build_token_cache",
    "configure_logging",
    "export_document",
    "export_types",
    "office_now",
    "record_settings",
    "routing_history",
    "rule_tests",
]
