"""The business-day calendar of 관공서 (관공서의 공휴일에 관한 규정, 국가공무원 복무규정 §9).

Closed days: Saturdays, Sundays (공휴일 by §2 1호) and the listed public holidays, which the caller
supplies (from the ``holidays`` package or a data file). Working hours: 09:00–18:00 with a lunch
hour 12:00–13:00, i.e. the 8 hours that 민원처리법 §19① counts as one day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class BusinessCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    work_start: time = time(9, 0)
    lunch_start: time = time(12, 0)
    lunch_end: time = time(13, 0)
    work_end: time = time(18, 0)

    @classmethod
    def of(cls, holidays: Iterable[date]) -> BusinessCalendar:
        return cls(frozenset(holidays))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def working_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [
            (datetime.combine(day, self.work_start), datetime.combine(day, self.lunch_start)),
            (datetime.combine(day, self.lunch_end), datetime.combine(day, self.work_end)),
        ]

    def is_working_time(self, moment: datetime) -> bool:
        return any(start <= moment <= end for start, end in self.working_intervals(moment.date()))

    def working_days_from(self, day: date) -> Iterator[date]:
        """Working days on or after ``day`` (bounded: ten years of closed days would be a data error)."""
        for offset in range(3660):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                yield candidate
        raise ValueError(f"no working day within ten years after {day}")

    def end_of_day(self, day: date) -> datetime:
        return datetime.combine(day, self.work_end)
