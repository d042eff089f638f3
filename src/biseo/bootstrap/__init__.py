"""The one place that names concrete adapters (a package of small modules). CLI, API and tests call
``build_services`` and the other builders re-exported here."""

from __future__ import annotations

from biseo.bootstrap._benefits import build_benefit_alerts, build_benefits, rule_tests
from biseo.bootstrap._cases import build_alerts, build_complaints, office_now
from biseo.bootstrap._core import (
    Services,
    build_analyzer,
    build_calendar,
    build_chat,
    build_citations,
    build_dense,
    build_embedder,
    build_index,
    build_pii_evaluation,
    build_privacy,
    build_services,
    build_store,
    build_summaries,
    build_summary_evaluation,
    build_token_cache,
    configure_logging,
)
from biseo.bootstrap._drafting import (
    build_replies,
    build_reply_evaluation,
    build_reports,
    export_document,
    export_types,
)
from biseo.bootstrap._evaluation import (
    build_route_evaluation,
    build_routing,
    build_routing_embedder,
    build_search_evaluation,
    routing_history,
)
from biseo.bootstrap._records import (
    UNSCOPED_AGENCY,
    SummaryInput,
    build_audit,
    draft_reply_recorded,
    draft_report_recorded,
    model_settings,
    reply_basis,
    summarize_recorded,
)

__all__ = [
    "UNSCOPED_AGENCY",
    "Services",
    "SummaryInput",
    "build_alerts",
    "build_analyzer",
    "build_audit",
    "build_benefit_alerts",
    "build_benefits",
    "build_calendar",
    "build_chat",
    "build_citations",
    "build_complaints",
    "build_dense",
    "build_embedder",
    "build_index",
    "build_pii_evaluation",
    "build_privacy",
    "build_replies",
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
    "draft_reply_recorded",
    "draft_report_recorded",
    "export_document",
    "export_types",
    "model_settings",
    "office_now",
    "reply_basis",
    "routing_history",
    "rule_tests",
    "summarize_recorded",
]
