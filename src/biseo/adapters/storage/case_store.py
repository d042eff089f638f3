"""민원 cases, contacts, the audit log, links, staff and sent notifications in SQL (both dialects).

Shares the database, the one-writer lock and the per-thread readers of the document store. Every
change to a case is written with its audit event in one transaction, guarded by the case's
version (optimistic locking: two officials acting at once cannot overwrite each other).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from biseo.adapters.storage.sql_store import SqlDocumentStore, _json, _now, _unjson
from biseo.domain.access import Staff
from biseo.domain.approval import Role
from biseo.domain.cases import Action, AuditEvent, Case, CaseState, period_of
from biseo.domain.contacts import Contact
from biseo.domain.deadlines import ComplaintKind, Extension, ExtensionReason, Pause
from biseo.domain.errors import Conflict
from biseo.services.case_ports import Attachment, CaseFilter

_CASE_COLUMNS = (
    "id, agency, department, handler, kind, title, content, received_at, period_amount, period_unit, "
    "state, due_at, pauses, extensions, supplement_since, answer, approvals, closed_at, "
    "transferred_from, channel, external_id, complainant_key, version"
)
_STAFF_COLUMNS = "id, name, agency, department, role, units, email"


class SqlCaseStore:
    def __init__(self, db: SqlDocumentStore) -> None:
        self._db = db

    # --- staff -------------------------------------------------------------------------
    def add_staff(self, staff: Staff, key_hash: str) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                f"INSERT INTO staff ({_STAFF_COLUMNS}, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    staff.id,
                    staff.name,
                    staff.agency,
                    staff.department,
                    str(staff.role),
                    _json(list(staff.units)),
                    staff.email,
                    key_hash,
                    _now(),
                ),
            )

    def replace_staff_key(self, staff_id: str, key_hash: str) -> bool:
        with self._db.transaction() as cur:
            result = cur.execute("UPDATE staff SET key_hash = ? WHERE id = ?", (key_hash, staff_id))
            return bool(result.rowcount == 1)

    def staff_by_key(self, key_hash: str) -> Staff | None:
        row = self._db.reader().one(f"SELECT {_STAFF_COLUMNS} FROM staff WHERE key_hash = ?", (key_hash,))
        return _staff_from(row) if row else None

    def staff(self, staff_id: str) -> Staff | None:
        row = self._db.reader().one(f"SELECT {_STAFF_COLUMNS} FROM staff WHERE id = ?", (staff_id,))
        return _staff_from(row) if row else None

    def list_staff(self, agency: str | None = None) -> list[Staff]:
        where, params = ("WHERE agency = ?", (agency,)) if agency else ("", ())
        rows = self._db.reader().all(f"SELECT {_STAFF_COLUMNS} FROM staff {where} ORDER BY id", params)
        return [_staff_from(r) for r in rows]

    # --- cases -------------------------------------------------------------------------
    def create(
        self, case: Case, contact: Contact, event: AuditEvent, suggestion: dict[str, Any] | None = None
    ) -> bool:
        """Store a new case with its contact and 접수 event; False if its external id exists."""
        with self._db.transaction() as cur:
            if case.external_id is not None and cur.one(
                "SELECT id FROM cases WHERE channel = ? AND external_id = ?", (case.channel, case.external_id)
            ):
                return False
            cur.execute(
                f"INSERT INTO cases ({_CASE_COLUMNS}, suggestion, updated_at) VALUES ({', '.join('?' * 25)})",
                (*_case_row(case), _json(suggestion) if suggestion else None, _now()),
            )
            cur.execute(
                "INSERT INTO case_contacts (case_id, name, phone, email, address) VALUES (?, ?, ?, ?, ?)",
                (case.id, contact.name, contact.phone, contact.email, contact.address),
            )
            _insert_event(cur, event)
        return True

    def update(self, case: Case, event: AuditEvent, *, expected_version: int) -> None:
        """Write the case and its event together, if nobody changed the case since it was read."""
        with self._db.transaction() as cur:
            assignments = ", ".join(f"{c.strip()} = ?" for c in _CASE_COLUMNS.split(",")[1:])
            result = cur.execute(
                f"UPDATE cases SET {assignments}, updated_at = ? WHERE id = ? AND version = ?",
                (*_case_row(case)[1:], _now(), case.id, expected_version),
            )
            if result.rowcount != 1:
                raise Conflict(
                    f"case {case.id} changed concurrently",
                    message_ko="다른 사용자가 먼저 이 민원을 처리했습니다. 새로 고친 뒤 다시 시도해 주세요.",
                )
            _insert_event(cur, event)

    def record_event(self, event: AuditEvent) -> None:
        """An event that changes nothing on the case itself (e.g. a route override note)."""
        with self._db.transaction() as cur:
            _insert_event(cur, event)

    def link(
        self, case: Case, event: AuditEvent, earlier_id: str, relation: str, similarity: float | None
    ) -> None:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM case_links WHERE case_id = ? AND earlier_id = ?", (case.id, earlier_id))
            cur.execute(
                "INSERT INTO case_links (case_id, earlier_id, relation, similarity) VALUES (?, ?, ?, ?)",
                (case.id, earlier_id, relation, similarity),
            )
            _insert_event(cur, event)

    def attach(self, case: Case, event: AuditEvent, attachment: Attachment, *, expected_version: int) -> None:
        """The parsed attachment and the case's new version in one transaction."""
        with self._db.transaction() as cur:
            row = cur.one(
                "SELECT coalesce(max(number), 0) FROM case_attachments WHERE case_id = ?", (case.id,)
            )
            cur.execute(
                "INSERT INTO case_attachments (case_id, number, content_hash, format, size_bytes, text, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    case.id,
                    int(row[0] if row else 0) + 1,
                    attachment.content_hash,
                    attachment.format,
                    attachment.size_bytes,
                    attachment.text,
                    _now(),
                ),
            )
        self.update(case, event, expected_version=expected_version)

    def attachments(self, case_id: str) -> list[Attachment]:
        rows = self._db.reader().all(
            "SELECT number, content_hash, format, size_bytes, text FROM case_attachments WHERE case_id = ? ORDER BY number",
            (case_id,),
        )
        return [Attachment(int(r[0]), r[1], r[2], int(r[3]), r[4]) for r in rows]

    def get(self, case_id: str) -> Case | None:
        row = self._db.reader().one(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,))
        return _case_from(row) if row else None

    def suggestion(self, case_id: str) -> dict[str, Any] | None:
        row = self._db.reader().one("SELECT suggestion FROM cases WHERE id = ?", (case_id,))
        return _unjson(row[0]) if row and row[0] is not None else None

    def contact(self, case_id: str) -> Contact | None:
        row = self._db.reader().one(
            "SELECT name, phone, email, address FROM case_contacts WHERE case_id = ?", (case_id,)
        )
        return Contact(*row) if row else None

    def find(self, where: CaseFilter) -> list[Case]:
        clauses, params = _filter_sql(where)
        rows = self._db.reader().all(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE {' AND '.join(clauses)} "
            "ORDER BY due_at IS NULL, due_at, received_at, id LIMIT ? OFFSET ?",
            (*params, where.limit, where.offset),
        )
        return [_case_from(r) for r in rows]

    def all_cases(self, agency: str) -> list[Case]:
        rows = self._db.reader().all(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE agency = ? ORDER BY received_at, id", (agency,)
        )
        return [_case_from(r) for r in rows]

    def answered_cases(self, agency: str) -> list[Case]:
        rows = self._db.reader().all(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE agency = ? AND answer <> '' ORDER BY received_at, id",
            (agency,),
        )
        return [c for c in map(_case_from, rows) if c.answer.strip()]

    def answered_fingerprint(self, agency: str) -> tuple[int, int]:
        """(answered cases, sum of their versions): changes whenever an answer is added or edited."""
        row = self._db.reader().one(
            "SELECT COUNT(*), COALESCE(SUM(version), 0) FROM cases WHERE agency = ? AND answer <> ''",
            (agency,),
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def agencies(self) -> list[str]:
        return [r[0] for r in self._db.reader().all("SELECT DISTINCT agency FROM cases ORDER BY agency")]

    def events(self, case_id: str) -> list[AuditEvent]:
        rows = self._db.reader().all(
            "SELECT case_id, at, actor, action, from_state, to_state, detail FROM case_events "
            "WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
        return [
            AuditEvent(
                r[0],
                _local(r[1]),
                r[2],
                Action(r[3]),
                CaseState(r[4]) if r[4] else None,
                CaseState(r[5]),
                _unjson(r[6]),
            )
            for r in rows
        ]

    def links(self, case_id: str) -> list[tuple[str, str, float | None]]:
        rows = self._db.reader().all(
            "SELECT earlier_id, relation, similarity FROM case_links WHERE case_id = ? ORDER BY earlier_id",
            (case_id,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def open_cases_due_before(self, moment: datetime) -> list[Case]:
        rows = self._db.reader().all(
            f"SELECT {_CASE_COLUMNS} FROM cases WHERE state <> ? AND due_at IS NOT NULL AND due_at <= ? "
            "ORDER BY due_at, id",
            (str(CaseState.CLOSED), _local_param(moment)),
        )
        return [_case_from(r) for r in rows]

    # --- notifications -----------------------------------------------------------------
    def claim_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> bool:
        """Record that a notice is being sent; False if it was already sent (no duplicates)."""
        with self._db.transaction() as cur:
            if cur.one(
                "SELECT case_id FROM case_notifications WHERE case_id = ? AND kind = ? AND channel = ? AND due_at = ?",
                (case_id, kind, channel, _local_param(due_at)),
            ):
                return False
            cur.execute(
                "INSERT INTO case_notifications (case_id, kind, channel, due_at, sent_at) VALUES (?, ?, ?, ?, ?)",
                (case_id, kind, channel, _local_param(due_at), _now()),
            )
        return True

    def release_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> None:
        """Forget a claim whose sending failed, so the next run retries it."""
        with self._db.transaction() as cur:
            cur.execute(
                "DELETE FROM case_notifications WHERE case_id = ? AND kind = ? AND channel = ? AND due_at = ?",
                (case_id, kind, channel, _local_param(due_at)),
            )


def _filter_sql(where: CaseFilter) -> tuple[list[str], list[Any]]:
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
        params.append(_local_param(where.due_before))
    return clauses, params


def _insert_event(cur: Any, event: AuditEvent) -> None:
    cur.execute(
        "INSERT INTO case_events (case_id, at, recorded_at, actor, action, from_state, to_state, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.case_id,
            _local_param(event.at),
            _now(),
            event.actor,
            str(event.action),
            str(event.from_state) if event.from_state else None,
            str(event.to_state),
            _json(event.detail),
        ),
    )


def _case_row(c: Case) -> tuple[Any, ...]:
    return (
        c.id,
        c.agency,
        c.department,
        c.handler,
        str(c.kind),
        c.title,
        c.content,
        _local_param(c.received_at),
        c.period.amount,
        str(c.period.unit),
        str(c.state),
        _local_param(c.due_at),
        _json([[_local_param(p.start), _local_param(p.end)] for p in c.pauses]),
        _json([[e.amount, str(e.reason), e.consent] for e in c.extensions]),
        _local_param(c.supplement_since),
        c.answer,
        _json([str(r) for r in c.approvals]),
        _local_param(c.closed_at),
        _json(list(c.transferred_from)),
        c.channel,
        c.external_id,
        c.complainant_key,
        c.version,
    )


def _case_from(r: tuple[Any, ...]) -> Case:
    return Case(
        id=r[0],
        agency=r[1],
        department=r[2],
        handler=r[3],
        kind=ComplaintKind(r[4]),
        title=r[5],
        content=r[6],
        received_at=_local(r[7]),
        period=period_of(int(r[8]), r[9]),
        state=CaseState(r[10]),
        due_at=_maybe_local(r[11]),
        pauses=tuple(Pause(_local(a), _local(b)) for a, b in _unjson(r[12])),
        extensions=tuple(Extension(int(a), ExtensionReason(b), bool(c)) for a, b, c in _unjson(r[13])),
        supplement_since=_maybe_local(r[14]),
        answer=r[15],
        approvals=tuple(Role(x) for x in _unjson(r[16])),
        closed_at=_maybe_local(r[17]),
        transferred_from=tuple(_unjson(r[18])),
        channel=r[19],
        external_id=r[20],
        complainant_key=r[21],
        version=int(r[22]),
    )


def _staff_from(r: tuple[Any, ...]) -> Staff:
    return Staff(r[0], r[1], r[2], r[3], Role(r[4]), tuple(_unjson(r[5])), r[6])


def _local_param(value: datetime | None) -> str | None:
    """Office-local wall time, to the second (ISO text sorts correctly in SQLite)."""
    return value.replace(tzinfo=None).isoformat(timespec="seconds") if value else None


def _local(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def _maybe_local(value: Any) -> datetime | None:
    return None if value is None else _local(value)
