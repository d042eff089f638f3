"""민원 처리기간 (민원 처리에 관한 법률 §19, 시행령 §§14–21), as pure functions.

- 5일 이하: counted in 근무시간 from the moment of receipt, 1일 = 8시간 (법 §19①).
- 6일 이상: counted in days, the first day included (법 §19②).
- Both skip Saturdays and public holidays.
- 즉시: 3 근무시간 (시행령 §19).
- 주·월·연: first day included, then 민법 §§159–161 (법 §19③).
- Periods not counted (시행령 §20, 보완 under 법 §22) are pauses: working time inside a pause is
  not counted; in day counting, the days from the pause's start up to the day before it ends are
  skipped (the day work resumes counts, like a first day).
- Extensions (시행령 §21): once, within the original period; a second only with the complainant's
  consent; never for mere workload, a handler not yet assigned or absent (§21②).
"""

from __future__ import annotations

import calendar as _months
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.errors import InvalidInput


class Unit(StrEnum):
    IMMEDIATE = "immediate"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True, slots=True)
class Period:
    amount: int
    unit: Unit = Unit.DAYS

    def __post_init__(self) -> None:
        if self.unit is not Unit.IMMEDIATE and self.amount < 1:
            raise InvalidInput(
                f"period must be positive, got {self.amount}", message_ko="처리기간은 1 이상이어야 합니다."
            )

    @classmethod
    def immediate(cls) -> Period:
        return cls(0, Unit.IMMEDIATE)

    @classmethod
    def days(cls, amount: int) -> Period:
        return cls(amount, Unit.DAYS)

    @property
    def in_hours(self) -> bool:
        return self.unit is Unit.IMMEDIATE or (self.unit is Unit.DAYS and self.amount <= 5)

    @property
    def working_hours(self) -> int:
        return 3 if self.unit is Unit.IMMEDIATE else self.amount * 8


class ComplaintKind(StrEnum):
    QUESTION_LAW = "질의_법령"  # 법령 설명·해석 질의
    QUESTION_PROCEDURE = "질의_제도절차"  # 제도·절차 질의
    PROPOSAL = "건의"
    GRIEVANCE = "고충"
    OTHER = "기타"
    STATUTORY = "법정"  # 법정민원: the period its 민원편람 publishes (법 §17)


DEFAULT_PERIODS: dict[ComplaintKind, tuple[Period, str]] = {
    ComplaintKind.QUESTION_LAW: (Period.days(14), "민원 처리에 관한 법률 시행령 제14조제1호"),
    ComplaintKind.QUESTION_PROCEDURE: (Period.days(7), "민원 처리에 관한 법률 시행령 제14조제2호"),
    ComplaintKind.PROPOSAL: (Period.days(14), "민원 처리에 관한 법률 시행령 제15조"),
    ComplaintKind.GRIEVANCE: (Period.days(7), "민원 처리에 관한 법률 시행령 제17조제1항"),
    ComplaintKind.OTHER: (Period.immediate(), "민원 처리에 관한 법률 시행령 제16조제1항, 제19조"),
}


def period_for(kind: ComplaintKind, statutory: Period | None = None) -> tuple[Period, str]:
    if kind is ComplaintKind.STATUTORY:
        if statutory is None:
            raise InvalidInput(
                "statutory complaints need their published period",
                message_ko="법정민원은 민원편람에 공표된 처리기간을 지정해야 합니다.",
            )
        return statutory, "민원 처리에 관한 법률 제17조"
    return DEFAULT_PERIODS[kind]


class ExtensionReason(StrEnum):
    COOPERATION = "관계 기관·부서 협조 필요"  # 시행령 §21①1
    SITE_CHECK = "사실관계·현장 확인 필요"  # §21①2
    FORCE_MAJEURE = "천재지변 등 불가항력"  # §21①3
    SIMILAR = "그 밖에 이에 준하는 사유"  # §21①4
    WORKLOAD = "단순 업무과중"  # §21② forbids these three
    HANDLER_DELAY = "담당자 지정 지연"
    HANDLER_ABSENT = "담당자 부재"


FORBIDDEN_REASONS = {ExtensionReason.WORKLOAD, ExtensionReason.HANDLER_DELAY, ExtensionReason.HANDLER_ABSENT}


@dataclass(frozen=True, slots=True)
class Extension:
    amount: int  # in the unit of the original period (days for day- and hour-counted periods)
    reason: ExtensionReason
    consent: bool = False  # 민원인의 동의 (needed for the second extension)


@dataclass(frozen=True, slots=True)
class Pause:
    """A stretch not counted in the period (보완 요청부터 보완까지, 시행령 §20 각 호)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput(
                "pause ends before it starts", message_ko="제외 기간의 끝이 시작보다 앞섭니다."
            )


@dataclass(frozen=True)
class Deadline:
    received: datetime
    period: Period
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = field(default=())

    def due(self, calendar: BusinessCalendar) -> datetime:
        moment = compute_due(self.received, self.period, calendar, self.pauses)
        for extension in self.extensions:
            moment = _extend(moment, self.period, extension, calendar, self.pauses)
        return moment

    def extend(self, extension: Extension) -> Deadline:
        """A new deadline with one more extension, if 시행령 §21 allows it."""
        if extension.reason in FORBIDDEN_REASONS:
            raise InvalidInput(
                f"extension reason not allowed: {extension.reason}",
                message_ko=f"'{extension.reason}'은(는) 처리기간 연장 사유가 될 수 없습니다(시행령 제21조제2항).",
            )
        if self.period.unit is Unit.IMMEDIATE:
            raise InvalidInput(
                "an immediate complaint cannot be extended", message_ko="즉시 처리 민원은 연장할 수 없습니다."
            )
        if len(self.extensions) >= 2:
            raise InvalidInput(
                "at most two extensions", message_ko="처리기간은 두 번까지만 연장할 수 있습니다."
            )
        if self.extensions and not extension.consent:
            raise InvalidInput(
                "a second extension needs consent",
                message_ko="두 번째 연장에는 민원인의 동의가 필요합니다(시행령 제21조제1항 단서).",
            )
        if not 1 <= extension.amount <= self.period.amount:
            raise InvalidInput(
                "extension beyond the original period",
                message_ko="연장은 처음 처리기간의 범위에서만 할 수 있습니다(시행령 제21조제1항).",
            )
        return Deadline(self.received, self.period, self.pauses, (*self.extensions, extension))

    def pause(self, pause: Pause) -> Deadline:
        return Deadline(self.received, self.period, (*self.pauses, pause), self.extensions)


def compute_due(
    received: datetime, period: Period, calendar: BusinessCalendar, pauses: tuple[Pause, ...] = ()
) -> datetime:
    if period.in_hours:
        return _add_working_minutes(received, period.working_hours * 60, calendar, pauses)
    if period.unit is Unit.DAYS:
        return calendar.end_of_day(_nth_counted_day(received.date(), period.amount, calendar, pauses))
    return calendar.end_of_day(_civil_period_end(received.date(), period, calendar, pauses))


def after_working_hours(start: datetime, hours: int, calendar: BusinessCalendar) -> datetime:
    """The moment ``hours`` 근무시간 after ``start``; outside working time the count starts at the next opening."""
    return _add_working_minutes(start, hours * 60, calendar, ())


def _add_working_minutes(
    start: datetime, minutes: int, calendar: BusinessCalendar, pauses: tuple[Pause, ...]
) -> datetime:
    remaining = timedelta(minutes=minutes)
    cursor = start
    for day in calendar.working_days_from(start.date()):
        for interval_start, interval_end in calendar.working_intervals(day):
            for free_start, free_end in _minus_pauses(max(interval_start, cursor), interval_end, pauses):
                if free_end - free_start >= remaining:
                    return free_start + remaining
                remaining -= free_end - free_start
        cursor = datetime.combine(day + timedelta(days=1), datetime.min.time())
    raise AssertionError("unreachable")  # pragma: no cover


def _minus_pauses(
    start: datetime, end: datetime, pauses: tuple[Pause, ...]
) -> list[tuple[datetime, datetime]]:
    pieces = [(start, end)] if start < end else []
    for pause in pauses:
        next_pieces: list[tuple[datetime, datetime]] = []
        for a, b in pieces:
            if pause.end <= a or pause.start >= b:
                next_pieces.append((a, b))
                continue
            if a < pause.start:
                next_pieces.append((a, pause.start))
            if pause.end < b:
                next_pieces.append((pause.end, b))
        pieces = next_pieces
    return pieces


def _paused_day(day: date, pauses: tuple[Pause, ...]) -> bool:
    return any(p.start.date() <= day < p.end.date() for p in pauses)


def _nth_counted_day(first: date, n: int, calendar: BusinessCalendar, pauses: tuple[Pause, ...]) -> date:
    counted = 0
    for day in calendar.working_days_from(first):
        if _paused_day(day, pauses):
            continue
        counted += 1
        if counted == n:
            return day
    raise AssertionError("unreachable")  # pragma: no cover


def _civil_period_end(
    first: date, period: Period, calendar: BusinessCalendar, pauses: tuple[Pause, ...]
) -> date:
    """민법 §160: ends the day before the corresponding day (or the month's last day); §161: not on a closed day."""
    if period.unit is Unit.WEEKS:
        end = first + timedelta(days=7 * period.amount - 1)
    else:
        months = period.amount * (12 if period.unit is Unit.YEARS else 1)
        year, month = divmod(first.month - 1 + months, 12)
        year, month = first.year + year, month + 1
        last_day = _months.monthrange(year, month)[1]
        end = (
            date(year, month, last_day)
            if first.day > last_day
            else date(year, month, first.day) - timedelta(days=1)
        )
    skipped = sum((p.end.date() - p.start.date()).days for p in pauses)
    end += timedelta(days=skipped)
    return next(calendar.working_days_from(end))


def _extend(
    current: datetime,
    period: Period,
    extension: Extension,
    calendar: BusinessCalendar,
    pauses: tuple[Pause, ...],
) -> datetime:
    if period.in_hours:
        return _add_working_minutes(current, extension.amount * 8 * 60, calendar, pauses)
    if period.unit is Unit.DAYS:
        return calendar.end_of_day(
            _nth_counted_day(current.date() + timedelta(days=1), extension.amount, calendar, pauses)
        )
    following = current.date() + timedelta(days=1)
    return calendar.end_of_day(
        _civil_period_end(following, Period(extension.amount, period.unit), calendar, ())
    )
