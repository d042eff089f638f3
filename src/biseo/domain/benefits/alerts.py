"""혜택알리미: what to tell a subscriber today, from their matches now, in a month, and the application periods.

An alert names a service and why it matters now; it never repeats (the store keeps the key of every
alert sent) and it carries no personal data, only service names and links.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from biseo.domain.benefits.catalog import Service
from biseo.domain.benefits.evaluation import Status

LOOKAHEAD_DAYS = 30  # "곧 대상": matches a month from now but not today (a child turns 6, one turns 65 …)
SOON_DAYS = 7  # application periods starting or ending within a week
MATCHING = frozenset({Status.ELIGIBLE, Status.LIKELY, Status.CHECK})


class AlertKind(StrEnum):
    NEW = "new"
    UPCOMING = "upcoming"
    OPENS = "opens"
    CLOSING = "closing"


@dataclass(frozen=True, slots=True)
class Alert:
    service_id: str
    kind: AlertKind
    key: str  # with (subscription, service, kind): the identity that is never sent twice
    text: str


def alerts_for(
    services: Mapping[str, Service],
    now: Mapping[str, Status],
    later: Mapping[str, Status],
    day: date,
) -> list[Alert]:
    out: list[Alert] = []
    soon = day + timedelta(days=SOON_DAYS)
    for service_id, status in now.items():
        service = services[service_id]
        if status in MATCHING:
            out.append(Alert(service_id, AlertKind.NEW, "", f"받을 수 있는 혜택({status}): {service.name}"))
            for kind, when, word in (
                (AlertKind.OPENS, service.apply_from, "신청 시작"),
                (AlertKind.CLOSING, service.apply_until, "신청 마감"),
            ):
                if when and day <= when <= soon:
                    out.append(
                        Alert(service_id, kind, when.isoformat(), f"{word} {_dot(when)}: {service.name}")
                    )
        elif later.get(service_id) in MATCHING:
            when = day + timedelta(days=LOOKAHEAD_DAYS)
            out.append(
                Alert(
                    service_id,
                    AlertKind.UPCOMING,
                    "",
                    f"{_dot(when)}까지 대상이 될 수 있는 혜택: {service.name}",
                )
            )
    order = {AlertKind.CLOSING: 0, AlertKind.OPENS: 1, AlertKind.NEW: 2, AlertKind.UPCOMING: 3}
    return sorted(out, key=lambda a: (order[a.kind], services[a.service_id].name))


def _dot(day: date) -> str:
    """공문서 date form: 2026. 3. 29."""
    return f"{day.year}. {day.month}. {day.day}."
