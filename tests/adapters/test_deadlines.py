"""민원 처리기간: worked cases from the statute (YAML) and properties of the deadline function."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints.deadlines import (
    ComplaintKind,
    Deadline,
    Extension,
    ExtensionReason,
    Pause,
    Period,
    Unit,
    after_working_hours,
    period_for,
)
from biseo.domain.errors import InvalidInput
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.integration

CASES = yaml.safe_load((Path(__file__).parent / "data" / "deadline_cases.yaml").read_text(encoding="utf-8"))
HOLIDAYS = json.loads(
    (SHARED_DATA / "calendar" / "kr_public_holidays_2015_2030.json").read_text(encoding="utf-8")
)
CALENDAR = BusinessCalendar.of(date.fromisoformat(d) for d in HOLIDAYS["holidays"])


def _dt(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _deadline(case) -> Deadline:
    if "kind" in case:
        period, _ = period_for(ComplaintKind(case["kind"]))
    else:
        period = Period(case["period"]["amount"], Unit(case["period"].get("unit", "days")))
    deadline = Deadline(_dt(case["received"]), period)
    for start, end in case.get("pauses", []):
        deadline = deadline.pause(Pause(_dt(start), _dt(end)))
    for ext in case.get("extensions", []):
        deadline = deadline.extend(
            Extension(ext["amount"], ExtensionReason(ext["reason"]), ext.get("consent", False))
        )
    return deadline


def test_there_are_at_least_thirty_cases_each_citing_an_article():
    assert len(CASES) >= 30
    assert all(case["article"] and ("조" in case["article"]) for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_worked_case(case):
    if case.get("error"):
        with pytest.raises(InvalidInput) as caught:
            _deadline(case).due(CALENDAR)
        assert any("가" <= ch <= "힣" for ch in caught.value.message_ko)
        return
    assert _deadline(case).due(CALENDAR) == _dt(case["due"])


def test_statutory_complaints_need_their_published_period():
    with pytest.raises(InvalidInput):
        period_for(ComplaintKind.STATUTORY)
    assert period_for(ComplaintKind.STATUTORY, Period.days(20))[0] == Period.days(20)


# --- properties -----------------------------------------------------------------------------
moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 20)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
periods = st.one_of(
    st.just(Period.immediate()),
    st.integers(1, 30).map(Period.days),
    st.integers(1, 4).map(lambda n: Period(n, Unit.WEEKS)),
    st.integers(1, 6).map(lambda n: Period(n, Unit.MONTHS)),
)


@settings(max_examples=300, deadline=None)
@given(moments, periods)
def test_due_is_never_on_a_closed_day_and_never_before_receipt(received, period):
    due = Deadline(received, period).due(CALENDAR)
    assert CALENDAR.is_working_day(due.date())
    assert CALENDAR.is_working_time(due)
    assert due > received


@settings(max_examples=300, deadline=None)
@given(moments, st.integers(0, 60 * 24 * 5), periods)
def test_due_is_monotone_in_the_receipt_time(received, minutes_later, period):
    later = received + timedelta(minutes=minutes_later)
    assert Deadline(later, period).due(CALENDAR) >= Deadline(received, period).due(CALENDAR)


@settings(max_examples=200, deadline=None)
@given(moments, st.integers(1, 30), st.data())
def test_extensions_and_pauses_never_shorten(received, days, data):
    base = Deadline(received, Period.days(days))
    due = base.due(CALENDAR)
    extended = base.extend(Extension(data.draw(st.integers(1, days)), ExtensionReason.COOPERATION))
    assert extended.due(CALENDAR) > due
    start = received + timedelta(minutes=data.draw(st.integers(0, 60 * 24 * 10)))
    paused = base.pause(Pause(start, start + timedelta(minutes=data.draw(st.integers(0, 60 * 24 * 10)))))
    assert paused.due(CALENDAR) >= due


@settings(max_examples=200, deadline=None)
@given(moments, st.integers(1, 5))
def test_hour_counted_periods_are_exactly_eight_working_hours_a_day(received, days):
    due = Deadline(received, Period.days(days)).due(CALENDAR)
    worked = timedelta()
    day = received.date()
    while day <= due.date():
        for start, end in CALENDAR.working_intervals(day):
            lo, hi = max(start, received), min(end, due)
            if hi > lo:
                worked += hi - lo
        day += timedelta(days=1)
    assert worked == timedelta(hours=8 * days)


def test_working_hours_after_skip_the_evening_the_weekend_and_lunch():
    friday_evening = datetime(2026, 11, 27, 17, 30)
    assert after_working_hours(friday_evening, 8, CALENDAR) == datetime(2026, 11, 30, 17, 30)
    assert after_working_hours(datetime(2026, 11, 28, 10, 0), 8, CALENDAR) == datetime(2026, 11, 30, 18, 0)
    assert after_working_hours(datetime(2026, 11, 30, 11, 0), 2, CALENDAR) == datetime(2026, 11, 30, 14, 0)
    # 2026. 12. 25. (성탄절) is closed: Thursday 17:00 + 2 근무시간 ends on Monday the 28th
    assert after_working_hours(datetime(2026, 12, 24, 17, 0), 2, CALENDAR) == datetime(2026, 12, 28, 10, 0)
