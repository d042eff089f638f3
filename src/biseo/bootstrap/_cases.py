"""Wiring of 민원 cases and their notices."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from biseo.bootstrap._core import build_calendar
from biseo.bootstrap._evaluation import build_routing
from biseo.config import Settings
from biseo.domain.approval import ApprovalLine
from biseo.services.case_alerts import CaseAlerts
from biseo.services.case_ports import Notifier
from biseo.services.complaints import ComplaintService
from biseo.services.ports import Analyzer
from biseo.services.routing import RoutingService

if TYPE_CHECKING:
    from biseo.adapters.storage.database import Database


def office_now() -> datetime:
    """Wall time of a Korean office (the law counts 처리기간 in it), whatever the server's zone."""
    return datetime.now(ZoneInfo("Asia/Seoul")).replace(tzinfo=None, microsecond=0)


def build_complaints(
    settings: Settings, database: Database, analyzer: Analyzer, secret: bytes
) -> ComplaintService:
    """민원 cases on the same database as the documents, with routing suggestions when a model exists;
    ``secret`` is the installation's (``Services.installation_secret``)."""
    from biseo.adapters.parsers import ContentParser
    from biseo.adapters.storage.case_store import SqlCaseStore

    now = office_now()
    routing: list[RoutingService] = []

    def suggest(title: str, content: str) -> dict[str, Any] | None:
        if not (settings.home / "models" / "router.pkl").is_file():
            return None
        if not routing:
            routing.append(build_routing(settings))
        advice = routing[0].suggest(title, content)
        return {
            "primary": advice.primary.unit,
            "confidence": advice.primary.confidence,
            "cooperating": [s.unit for s in advice.cooperating],
            "alternatives": [s.unit for s in advice.alternatives],
        }

    return ComplaintService(
        store=SqlCaseStore(database),
        analyzer=analyzer,
        calendar=build_calendar(settings, range(2000, now.year + 3)),
        secret=secret,
        now=office_now,
        approval_lines=_approval_lines(settings),
        suggest_route=suggest,
        parser=ContentParser(),
        max_attachment_bytes=settings.max_file_bytes,
    )


def _notifiers(settings: Settings, *, staff: bool) -> list[Notifier]:
    """E-mail and webhook notifiers; only staff notices fall back to BISEO_ALERT_EMAIL."""
    from biseo.adapters.notify.smtp_notifier import SmtpNotifier
    from biseo.adapters.notify.webhook_notifier import WebhookNotifier

    notifiers: list[Notifier] = []
    if settings.smtp_host:
        notifiers.append(
            SmtpNotifier(
                settings.smtp_host,
                settings.smtp_port,
                settings.smtp_sender,
                fallback_recipient=(settings.alert_email or None) if staff else None,
                username=settings.smtp_username,
                password=settings.smtp_password,
            )
        )
    if settings.webhook_url:
        notifiers.append(WebhookNotifier(settings.webhook_url, settings.webhook_secret))
    return notifiers


def build_alerts(settings: Settings, complaints: ComplaintService) -> CaseAlerts:
    return CaseAlerts(
        complaints.store,
        _notifiers(settings, staff=True),
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
