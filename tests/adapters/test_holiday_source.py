from __future__ import annotations

import json
from datetime import date

from biseo.adapters.calendar.holiday_source import business_calendar, korean_holidays
from tests.conftest import SHARED_DATA

FIXTURE = json.loads(
    (SHARED_DATA / "calendar" / "kr_public_holidays_2015_2030.json").read_text(encoding="utf-8")
)


def test_package_agrees_with_the_shared_calendar_2015_to_2029():
    expected = {date.fromisoformat(d) for d in FIXTURE["holidays"] if d < "2030"}
    assert set(korean_holidays(range(2015, 2030))) == expected


def test_labour_day_is_a_holiday_from_2026_only():
    found = korean_holidays(range(2025, 2027))
    assert date(2026, 5, 1) in found and date(2025, 5, 1) not in found


def test_a_data_file_adds_and_removes_days(tmp_path):
    override = tmp_path / "holidays.json"
    override.write_text(
        json.dumps({"holidays": {"2026-10-02": "임시공휴일"}, "not_holidays": ["2026-10-09"]}),
        encoding="utf-8",
    )
    calendar = business_calendar(range(2026, 2027), override)
    assert not calendar.is_working_day(date(2026, 10, 2))
    assert calendar.is_working_day(date(2026, 10, 9))
