"""민원 cases, their events and staff as SQL rows and back (both dialects).

Times of a case are the office's local wall time, stored to the second without a zone (the law
counts 처리기간 in it); ``recorded_at`` is the UTC moment of the write.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from biseo.adapters.storage.codecs import from_json, to_json, utc_now
from biseo.adapters.storage.unit_of_work import Cursor
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.complaints.cases import Action, AuditEvent, Case, CaseState, period_of
from biseo.domain.complaints.deadlines import ComplaintKind, Extension, ExtensionReason, Pause
from biseo.services.complaints.ports import CaseFilter

CASE_COLUMNS = (
    "id, agency, department, handler, kind, title, content, received_at, period_amount, period_unit, "
    "state, due_at, pauses, extensions, supplement_since, answer, approvals, closed_at, "
    "transferred_from, channel, external_id, complainant_key, version"
)
STAFF_COLUMNS = "id, name, agency, department, role, units, email"


def filter_sql(where: CaseFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = ["agency = ?"]
    params: list[Any] = [where.agency]
    if where.departments is not None:
        if not where.departments:
            return ["1 = 0"], []
        clauses.append(f"department IN ({', '.join('?' * len(where.departments))})")
        params.extend(sorted(where.departments))
    if where.department:
        clauses.append("department = ?")
        params.append(where.department)
    if where.state:
        clauses.append("state = ?")
        params.append(str(where.state))
    if where.kind:
        clauses.append("kind = ?")
        params.append(str(where.kind))
    if where.open_only or where.due_before:
        clauses.append("state <> ?")
        params.append(str(CaseState.CLOSED))
    if where.due_before:
        clauses.append("due_at <= ?")
        params.append(local_param(where.due_before))
    return clauses, params


def insert_event(cur: Cursor, event: AuditEvent) -> None:
    cur.execute(
        "INSERT INTO case_events (case_id, at, recorded_at, actor, action, from_state, to_state, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.case_id,
            local_param(event.at),
            utc_now(),
            event.actor,
            str(event.action),
            str(event.from_state) if event.from_state else None,
            str(event.to_state),
            to_json(event.detail),
        ),
    )


def case_row(c: Case) -> tuple[Any, ...]:
    return (
        c.id,
        c.agency,
        c.department,
        c.handler,
        str(c.kind),
        c.title,
        c.content,
        local_param(c.received_at),
        c.period.amount,
        str(c.period.unit),
        str(c.state),
        local_param(c.due_at),
        to_json([[local_param(p.start), local_param(p.end)] for p in c.pauses]),
        to_json([[e.amount, str(e.reason), e.consent] for e in c.extensions]),
        local_param(c.supplement_since),
        c.answer,
        to_json([str(r) for r in c.approvals]),
        local_param(c.closed_at),
        to_json(list(c.transferred_from)),
        c.channel,
        c.external_id,
        c.complainant_key,
        c.version,
    )


def case_from(r: tuple[Any, ...]) -> Case:
    return Case(
        id=r[0],
        agency=r[1],
        department=r[2],
        handler=r[3],
        kind=ComplaintKind(r[4]),
        title=r[5],
        content=r[6],
        received_at=local_time(r[7]),
        period=period_of(int(r[8]), r[9]),
        state=CaseState(r[10]),
        due_at=maybe_local_time(r[11]),
        pauses=tuple(Pause(local_time(a), local_time(b)) for a, b in from_json(r[12])),
        extensions=tuple(Extension(int(a), ExtensionReason(b), bool(c)) for a, b, c in from_json(r[13])),
        supplement_since=maybe_local_time(r[14]),
        answer=r[15],
        approvals=tuple(Role(x) for x in from_json(r[16])),
        closed_at=maybe_local_time(r[17]),
        transferred_from=tuple(from_json(r[18])),
        channel=r[19],
        external_id=r[20],
        complainant_key=r[21],
        version=int(r[22]),
    )


def staff_from(r: tuple[Any, ...]) -> Staff:
    return Staff(r[0], r[1], r[2], r[3], Role(r[4]), tuple(from_json(r[5])), r[6])


def local_param(value: datetime | None) -> str | None:
    """Office-local wall time, to the second (ISO text sorts correctly in SQLite)."""
    return value.replace(tzinfo=None).isoformat(timespec="seconds") if value else None


def local_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def maybe_local_time(value: Any) -> datetime | None:
    return None if value is None else local_time(value)


EVENT_COLUMNS = "case_id, at, actor, action, from_state, to_state, detail"


def event_from(r: tuple[Any, ...]) -> AuditEvent:
    return AuditEvent(
        r[0],
        local_time(r[1]),
        r[2],
        Action(r[3]),
        CaseState(r[4]) if r[4] else None,
        CaseState(r[5]),
        from_json(r[6]),
    )
