"""민원 cases, contacts, the audit log, links, staff and sent notifications in SQL (both dialects).

Works on the installation's one ``Database``. Every change to a case is written with its audit
event in one unit of work, guarded by the case's version (optimistic locking: two officials
acting at once cannot overwrite each other); a refused or failed write leaves nothing behind.
"""

from __future__ import annotations

from datetime import datetime

from biseo.adapters.storage.case_rows import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    STAFF_COLUMNS,
    case_from,
    case_row,
    event_from,
    filter_sql,
    insert_event,
    local_param,
    staff_from,
)
from biseo.adapters.storage.codecs import from_json, to_json, utc_now
from biseo.adapters.storage.database import Database
from biseo.adapters.storage.unit_of_work import Cursor
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.cases import AuditEvent, Case, CaseState
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.routing import RouteSuggestion
from biseo.domain.errors import Conflict
from biseo.services.complaints.ports import Attachment, CaseFilter


class SqlCaseStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    # --- staff -------------------------------------------------------------------------
    def add_staff(self, staff: Staff, key_hash: str) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                f"INSERT INTO staff ({STAFF_COLUMNS}, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    staff.id,
                    staff.name,
                    staff.agency,
                    staff.department,
                    str(staff.role),
                    to_json(list(staff.units)),
                    staff.email,
                    key_hash,
                    utc_now(),
                ),
            )

    def replace_staff_key(self, staff_id: str, key_hash: str) -> bool:
        with self._db.unit_of_work() as cur:
            result = cur.execute("UPDATE staff SET key_hash = ? WHERE id = ?", (key_hash, staff_id))
            return bool(result.rowcount == 1)

    def staff_by_key(self, key_hash: str) -> Staff | None:
        row = self._db.reader().one(f"SELECT {STAFF_COLUMNS} FROM staff WHERE key_hash = ?", (key_hash,))
        return staff_from(row) if row else None

    def staff(self, staff_id: str) -> Staff | None:
        row = self._db.reader().one(f"SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?", (staff_id,))
        return staff_from(row) if row else None

    def list_staff(self, agency: str | None = None) -> list[Staff]:
        where, params = ("WHERE agency = ?", (agency,)) if agency else ("", ())
        rows = self._db.reader().all(f"SELECT {STAFF_COLUMNS} FROM staff {where} ORDER BY id", params)
        return [staff_from(r) for r in rows]

    # --- cases -------------------------------------------------------------------------
    def create(
        self, case: Case, contact: Contact, event: AuditEvent, suggestion: RouteSuggestion | None = None
    ) -> bool:
        """Store a new case with its contact and 접수 event; False if its external id exists."""
        with self._db.unit_of_work() as cur:
            if case.external_id is not None and cur.one(
                "SELECT id FROM cases WHERE channel = ? AND external_id = ?", (case.channel, case.external_id)
            ):
                return False
            cur.execute(
                f"INSERT INTO cases ({CASE_COLUMNS}, suggestion, updated_at) VALUES ({', '.join('?' * 25)})",
                (*case_row(case), to_json(suggestion.to_record()) if suggestion else None, utc_now()),
            )
            cur.execute(
                "INSERT INTO case_contacts (case_id, name, phone, email, address) VALUES (?, ?, ?, ?, ?)",
                (case.id, contact.name, contact.phone, contact.email, contact.address),
            )
            insert_event(cur, event)
        return True

    def update(self, case: Case, event: AuditEvent, *, expected_version: int) -> None:
        """Write the case and its event together, if nobody changed the case since it was read."""
        with self._db.unit_of_work() as cur:
            _write_case(cur, case, event, expected_version)

    def link(
        self, case: Case, event: AuditEvent, earlier_id: str, relation: str, similarity: float | None
    ) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute("DELETE FROM case_links WHERE case_id = ? AND earlier_id = ?", (case.id, earlier_id))
            cur.execute(
                "INSERT INTO case_links (case_id, earlier_id, relation, similarity) VALUES (?, ?, ?, ?)",
                (case.id, earlier_id, relation, similarity),
            )
            insert_event(cur, event)

    def attach(self, case: Case, event: AuditEvent, attachment: Attachment, *, expected_version: int) -> None:
        """The parsed attachment, the case's new version and its event in one unit of work: a stale
        ``expected_version`` raises ``Conflict`` and keeps no attachment."""
        with self._db.unit_of_work() as cur:
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
                    utc_now(),
                ),
            )
            _write_case(cur, case, event, expected_version)

    def attachments(self, case_id: str) -> list[Attachment]:
        rows = self._db.reader().all(
            "SELECT number, content_hash, format, size_bytes, text FROM case_attachments WHERE case_id = ? ORDER BY number",
            (case_id,),
        )
        return [Attachment(int(r[0]), r[1], r[2], int(r[3]), r[4]) for r in rows]

    def get(self, case_id: str) -> Case | None:
        row = self._db.reader().one(f"SELECT {CASE_COLUMNS} FROM cases WHERE id = ?", (case_id,))
        return case_from(row) if row else None

    def suggestion(self, case_id: str) -> RouteSuggestion | None:
        row = self._db.reader().one("SELECT suggestion FROM cases WHERE id = ?", (case_id,))
        return RouteSuggestion.from_record(from_json(row[0])) if row and row[0] is not None else None

    def contact(self, case_id: str) -> Contact | None:
        row = self._db.reader().one(
            "SELECT name, phone, email, address FROM case_contacts WHERE case_id = ?", (case_id,)
        )
        return Contact(*row) if row else None

    def find(self, where: CaseFilter) -> list[Case]:
        clauses, params = filter_sql(where)
        rows = self._db.reader().all(
            f"SELECT {CASE_COLUMNS} FROM cases WHERE {' AND '.join(clauses)} "
            "ORDER BY due_at IS NULL, due_at, received_at, id LIMIT ? OFFSET ?",
            (*params, where.limit, where.offset),
        )
        return [case_from(r) for r in rows]

    def all_cases(self, agency: str) -> list[Case]:
        rows = self._db.reader().all(
            f"SELECT {CASE_COLUMNS} FROM cases WHERE agency = ? ORDER BY received_at, id", (agency,)
        )
        return [case_from(r) for r in rows]

    def answered_cases(self, agency: str) -> list[Case]:
        rows = self._db.reader().all(
            f"SELECT {CASE_COLUMNS} FROM cases WHERE agency = ? AND answer <> '' ORDER BY received_at, id",
            (agency,),
        )
        return [c for c in map(case_from, rows) if c.answer.strip()]

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
            f"SELECT {EVENT_COLUMNS} FROM case_events WHERE case_id = ? ORDER BY id", (case_id,)
        )
        return [event_from(r) for r in rows]

    def links(self, case_id: str) -> list[tuple[str, str, float | None]]:
        rows = self._db.reader().all(
            "SELECT earlier_id, relation, similarity FROM case_links WHERE case_id = ? ORDER BY earlier_id",
            (case_id,),
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def open_cases_due_before(self, moment: datetime) -> list[Case]:
        rows = self._db.reader().all(
            f"SELECT {CASE_COLUMNS} FROM cases WHERE state <> ? AND due_at IS NOT NULL AND due_at <= ? "
            "ORDER BY due_at, id",
            (str(CaseState.CLOSED), local_param(moment)),
        )
        return [case_from(r) for r in rows]

    # --- notifications -----------------------------------------------------------------
    def claim_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> bool:
        """Record that a notice is being sent; False if it was already sent (no duplicates)."""
        with self._db.unit_of_work() as cur:
            if cur.one(
                "SELECT case_id FROM case_notifications WHERE case_id = ? AND kind = ? AND channel = ? AND due_at = ?",
                (case_id, kind, channel, local_param(due_at)),
            ):
                return False
            cur.execute(
                "INSERT INTO case_notifications (case_id, kind, channel, due_at, sent_at) VALUES (?, ?, ?, ?, ?)",
                (case_id, kind, channel, local_param(due_at), utc_now()),
            )
        return True

    def release_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> None:
        """Forget a claim whose sending failed, so the next run retries it."""
        with self._db.unit_of_work() as cur:
            cur.execute(
                "DELETE FROM case_notifications WHERE case_id = ? AND kind = ? AND channel = ? AND due_at = ?",
                (case_id, kind, channel, local_param(due_at)),
            )


def _write_case(cur: Cursor, case: Case, event: AuditEvent, expected_version: int) -> None:
    """The case's new row and its event, if its stored version is still ``expected_version``."""
    assignments = ", ".join(f"{c.strip()} = ?" for c in CASE_COLUMNS.split(",")[1:])
    result = cur.execute(
        f"UPDATE cases SET {assignments}, updated_at = ? WHERE id = ? AND version = ?",
        (*case_row(case)[1:], utc_now(), case.id, expected_version),
    )
    if result.rowcount != 1:
        raise Conflict(
            f"case {case.id} changed concurrently",
            message_ko="다른 사용자가 먼저 이 민원을 처리했습니다. 새로 고친 뒤 다시 시도해 주세요.",
        )
    insert_event(cur, event)
