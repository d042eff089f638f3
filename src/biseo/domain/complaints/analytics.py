"""민원 통계: counts by department, kind and state, overdue rate, processing time, rising topics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from biseo.domain.complaints.cases import Case, CaseState

_MIN_RISING_COUNT = 3  # a term must appear in this many cases this week to count as rising


@dataclass(frozen=True, slots=True)
class RisingTerm:
    term: str
    this_week: int
    last_week: int
    ratio: float


@dataclass(frozen=True, slots=True)
class CaseOverview:
    """민원 현황 over the cases one official can see (counts most common first)."""

    total: int
    by_state: dict[str, int]
    by_kind: dict[str, int]
    by_department: dict[str, int]
    open_overdue: int
    overdue_rate: float
    closed: int
    average_processing_hours: float | None


@dataclass(frozen=True, slots=True)
class CaseStatistics(CaseOverview):
    rising_terms: tuple[RisingTerm, ...] = ()
    as_of: datetime | None = None


def overview(cases: Sequence[Case], now: datetime) -> CaseOverview:
    closed = [c for c in cases if c.state is CaseState.CLOSED and c.closed_at]
    open_overdue = [c for c in cases if c.state is not CaseState.CLOSED and c.is_overdue(now)]
    overdue = sum(1 for c in cases if c.is_overdue(now))
    hours = [(c.closed_at - c.received_at).total_seconds() / 3600 for c in closed if c.closed_at]
    return CaseOverview(
        total=len(cases),
        by_state=dict(Counter(str(c.state) for c in cases).most_common()),
        by_kind=dict(Counter(str(c.kind) for c in cases).most_common()),
        by_department=dict(Counter(c.department or "(미배정)" for c in cases).most_common()),
        open_overdue=len(open_overdue),
        overdue_rate=round(overdue / len(cases), 4) if cases else 0.0,
        closed=len(closed),
        average_processing_hours=round(sum(hours) / len(hours), 1) if hours else None,
    )


def rising_terms(
    dated_tokens: Sequence[tuple[datetime, Sequence[str]]], now: datetime, limit: int = 10
) -> list[RisingTerm]:
    """Terms in more cases in the last 7 days than in the 7 days before (document frequency)."""
    this_week: Counter[str] = Counter()
    last_week: Counter[str] = Counter()
    for at, tokens in dated_tokens:
        age = now - at
        if timedelta(0) <= age < timedelta(days=7):
            this_week.update(set(tokens))
        elif timedelta(days=7) <= age < timedelta(days=14):
            last_week.update(set(tokens))
    rising = [
        RisingTerm(term, count, last_week[term], round((count + 1) / (last_week[term] + 1), 2))
        for term, count in this_week.items()
        if count >= _MIN_RISING_COUNT and count > last_week[term]
    ]
    rising.sort(key=lambda r: (-r.ratio, -r.this_week, r.term))
    return rising[:limit]
