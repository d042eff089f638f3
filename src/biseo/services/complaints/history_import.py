"""Importing answered 민원 history (CSV ``id,title,date,content,answer,department``).

Answered rows become closed cases of their department, so new complaints can be linked to them
and their answers. Re-running skips rows already imported (by ``id``): the import is idempotent and
can resume after an interruption.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.complaints.cases import Action, AuditEvent, Case, CaseState
from biseo.domain.complaints.deadlines import ComplaintKind
from biseo.domain.errors import Forbidden, InvalidInput
from biseo.services.complaints.service import SYSTEM_ACTOR, ComplaintService, NewComplaint
from biseo.services.korean_files import csv_dicts, decode_korean


def import_history(
    complaints: ComplaintService,
    staff: Staff,
    rows: Sequence[dict[str, str]],
    source: str,
    kind: ComplaintKind = ComplaintKind.GRIEVANCE,
    department_of: Callable[[str], str | None] = lambda d: d.strip() or None,
) -> dict[str, int]:
    """Store the rows as cases of ``staff``'s agency; only 민원총괄 may import."""
    if staff.role is not Role.COORDINATOR:
        raise Forbidden(
            f"{staff.id} may not import", message_ko="민원 일괄 등록은 민원총괄 부서만 할 수 있습니다."
        )
    counts = {"created": 0, "skipped": 0, "invalid": 0}
    for row in rows:
        try:
            result = complaints.intake(_complaint(row, staff.agency, kind, source), history=True)
        except InvalidInput:
            counts["invalid"] += 1
            continue
        if not result.created:
            counts["skipped"] += 1
            continue
        counts["created"] += 1
        answer = (row.get("answer") or "").strip()
        department = department_of(row.get("department") or "")
        if answer and department:
            _close_as_answered(complaints, result.case, answer, department, source)
    return counts


def _complaint(row: dict[str, str], agency: str, kind: ComplaintKind, source: str) -> NewComplaint:
    return NewComplaint(
        agency=agency,
        title=row.get("title", ""),
        content=row.get("content", ""),
        kind=kind,
        received_at=_parse_date(row.get("date", "")),
        channel=f"import:{source}",
        external_id=(row.get("id") or "").strip() or None,
    )


def _close_as_answered(
    complaints: ComplaintService, case: Case, answer: str, department: str, source: str
) -> None:
    """An answered row is history: closed by the unit that answered, with its answer."""
    closed = replace(case, department=department, state=CaseState.CLOSED, answer=answer, version=2)
    detail = {"imported": source, "department": department}
    event = AuditEvent(
        closed.id,
        closed.received_at,
        SYSTEM_ACTOR,
        Action.APPROVE,
        CaseState.RECEIVED,
        CaseState.CLOSED,
        detail,
    )
    complaints.store.update(closed, event, expected_version=1)


def read_complaint_csv(data: bytes) -> list[dict[str, str]]:
    rows = csv_dicts(decode_korean(data, "CSV"))
    if rows and not {"title", "content"} <= set(rows[0]):
        raise InvalidInput(
            "CSV lacks title/content columns", message_ko="CSV에 title, content 열이 있어야 합니다."
        )
    return rows


def _parse_date(raw: str) -> datetime | None:
    """``2020.11.30`` or ``2020-11-30`` (09:00 that day, when the office opens)."""
    text = raw.strip().replace(".", "-").replace("/", "-").strip("-")
    if not text:
        return None
    try:
        parts = [int(x) for x in text.split()[0].split("-")[:3]]
        return datetime(parts[0], parts[1], parts[2], 9, 0)
    except (ValueError, IndexError) as exc:
        raise InvalidInput(f"bad date {raw!r}", message_ko=f"날짜 형식이 올바르지 않습니다: {raw}") from exc
