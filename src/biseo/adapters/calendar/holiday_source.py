"""Public holidays for the business calendar: the ``holidays`` package, corrected by an optional data file.

The file has the shape of ``../shared/data/calendar/kr_public_holidays_2015_2030.json``
(``{"holidays": {"YYYY-MM-DD": "name"}}``) plus an optional ``"not_holidays": ["YYYY-MM-DD"]``:
dates it lists are added or removed, so a newly designated 임시공휴일 needs no code change.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from biseo.domain.calendar import BusinessCalendar


def korean_holidays(years: range, override: Path | None = None) -> dict[date, str]:
    import holidays

    found = {
        day: str(name) for day, name in holidays.country_holidays("KR", years=years, language="ko").items()
    }
    if override is not None:
        data = json.loads(override.read_text(encoding="utf-8"))
        for day, name in data.get("holidays", {}).items():
            found[date.fromisoformat(day)] = name
        for day in data.get("not_holidays", []):
            found.pop(date.fromisoformat(day), None)
    return found


def business_calendar(years: range, override: Path | None = None) -> BusinessCalendar:
    return BusinessCalendar.of(korean_holidays(years, override))
