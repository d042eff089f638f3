"""An in-memory ``CaseStore`` for service tests: dicts instead of tables, no I/O, same contract.

Like the SQL store it refuses a stale ``expected_version`` with ``Conflict`` and keeps events in
the order they were written; a refused write leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.cases import AuditEvent, Case, CaseState
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.routing import RouteSuggestion
from biseo.domain.errors import Conflict
from biseo.services.complaints.ports import Attachment, CaseFilter, CaseStore


@dataclass
class FakeCaseStore:
    staff_keys: dict[str, tuple[Staff, str]] = field(default_factory=dict)  # id → (staff, key hash)
    cases: dict[str, Case] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    suggestions: dict[str, RouteSuggestion] = field(default_factory=dict)
    history: list[AuditEvent] = field(default_factory=list)
    case_links: dict[str, dict[str, tuple[str, float | None]]] = field(default_factory=dict)
    files: dict[str, list[Attachment]] = field(default_factory=dict)
    notices: set[tuple[str, str, str, datetime]] = field(default_factory=set)

    # --- staff ---------------------------------------------------------------------------
    def add_staff(self, staff: Staff, key_hash: str) -> None:
        self.staff_keys[staff.id] = (staff, key_hash)

    def replace_staff_key(self, staff_id: str, key_hash: str) -> bool:
        if staff_id not in self.staff_keys:
            return False
        self.staff_keys[staff_id] = (self.staff_keys[staff_id][0], key_hash)
        return True

    def staff_by_key(self, key_hash: str) -> Staff | None:
        return next((s for s, k in self.staff_keys.values() if k == key_hash), None)

    def staff(self, staff_id: str) -> Staff | None:
        entry = self.staff_keys.get(staff_id)
        return entry[0] if entry else None

    def list_staff(self, agency: str | None = None) -> list[Staff]:
        people = sorted((s for s, _ in self.staff_keys.values()), key=lambda s: s.id)
        return [s for s in people if agency is None or s.agency == agency]

    # --- writes --------------------------------------------------------------------------
    def create(
        self, case: Case, contact: Contact, event: AuditEvent, suggestion: RouteSuggestion | None = None
    ) -> bool:
        if case.external_id is not None and any(
            (c.channel, c.external_id) == (case.channel, case.external_id) for c in self.cases.values()
        ):
            return False
        self.cases[case.id] = case
        self.contacts[case.id] = contact
        if suggestion:
            self.suggestions[case.id] = suggestion
        self.history.append(event)
        return True

    def update(self, case: Case, event: AuditEvent, *, expected_version: int) -> None:
        stored = self.cases.get(case.id)
        if stored is None or stored.version != expected_version:
            raise Conflict(f"case {case.id} changed concurrently")
        self.cases[case.id] = case
        self.history.append(event)

    def link(
        self, case: Case, event: AuditEvent, earlier_id: str, relation: str, similarity: float | None
    ) -> None:
        self.case_links.setdefault(case.id, {})[earlier_id] = (relation, similarity)
        self.history.append(event)

    def attach(self, case: Case, event: AuditEvent, attachment: Attachment, *, expected_version: int) -> None:
        self.update(case, event, expected_version=expected_version)  # a conflict keeps no file
        self.files.setdefault(case.id, []).append(attachment)

    # --- reads ---------------------------------------------------------------------------
    def attachments(self, case_id: str) -> list[Attachment]:
        return list(self.files.get(case_id, []))

    def get(self, case_id: str) -> Case | None:
        return self.cases.get(case_id)

    def suggestion(self, case_id: str) -> RouteSuggestion | None:
        return self.suggestions.get(case_id)

    def contact(self, case_id: str) -> Contact | None:
        return self.contacts.get(case_id)

    def find(self, where: CaseFilter) -> list[Case]:
        found = [c for c in self.cases.values() if _matches(c, where)]
        found.sort(key=lambda c: (c.due_at is None, c.due_at or c.received_at, c.received_at, c.id))
        return found[where.offset : where.offset + where.limit]

    def all_cases(self, agency: str) -> list[Case]:
        return sorted(
            (c for c in self.cases.values() if c.agency == agency), key=lambda c: (c.received_at, c.id)
        )

    def answered_cases(self, agency: str) -> list[Case]:
        return [c for c in self.all_cases(agency) if c.answer]

    def answered_fingerprint(self, agency: str) -> tuple[int, int]:
        answered = self.answered_cases(agency)
        return len(answered), sum(c.version for c in answered)

    def agencies(self) -> list[str]:
        return sorted({c.agency for c in self.cases.values()})

    def events(self, case_id: str) -> list[AuditEvent]:
        return [e for e in self.history if e.case_id == case_id]

    def links(self, case_id: str) -> list[tuple[str, str, float | None]]:
        return [(e, r, s) for e, (r, s) in sorted(self.case_links.get(case_id, {}).items())]

    def open_cases_due_before(self, moment: datetime) -> list[Case]:
        due = [
            c
            for c in self.cases.values()
            if c.state is not CaseState.CLOSED and c.due_at is not None and c.due_at <= moment
        ]
        return sorted(due, key=lambda c: (c.due_at, c.id))

    # --- notifications -------------------------------------------------------------------
    def claim_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> bool:
        key = (case_id, kind, channel, due_at)
        if key in self.notices:
            return False
        self.notices.add(key)
        return True

    def release_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> None:
        self.notices.discard((case_id, kind, channel, due_at))


def _matches(c: Case, where: CaseFilter) -> bool:
    open_wanted = where.open_only or where.due_before is not None
    return (
        c.agency == where.agency
        and (where.departments is None or c.department in where.departments)
        and (not where.department or c.department == where.department)
        and (where.state is None or c.state is where.state)
        and (where.kind is None or c.kind is where.kind)
        and (not open_wanted or c.state is not CaseState.CLOSED)
        and (where.due_before is None or (c.due_at is not None and c.due_at <= where.due_before))
    )


def _conforms(store: FakeCaseStore) -> CaseStore:
    return store  # mypy: the fake implements the whole Protocol
