"""Ports of the 민원 case side: the case store and the ways a notice leaves the process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.cases import AuditEvent, Case, CaseState
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.deadlines import ComplaintKind
from biseo.domain.complaints.routing import RouteSuggestion


@dataclass(frozen=True, slots=True)
class CaseFilter:
    agency: str
    departments: frozenset[str] | None = None  # None: every department (민원총괄)
    state: CaseState | None = None
    kind: ComplaintKind | None = None
    department: str | None = None
    due_before: datetime | None = None  # open cases due before this moment
    open_only: bool = False
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a case, parsed by the ingestion parsers and kept with the case only (it may
    hold personal data, so it never enters the shared document store or the search index)."""

    number: int
    content_hash: str
    format: str
    size_bytes: int
    text: str


class CaseStore(Protocol):
    def add_staff(self, staff: Staff, key_hash: str) -> None: ...

    def replace_staff_key(self, staff_id: str, key_hash: str) -> bool: ...

    def staff_by_key(self, key_hash: str) -> Staff | None: ...

    def staff(self, staff_id: str) -> Staff | None: ...

    def list_staff(self, agency: str | None = None) -> list[Staff]: ...

    def create(
        self, case: Case, contact: Contact, event: AuditEvent, suggestion: RouteSuggestion | None = None
    ) -> bool: ...

    def update(self, case: Case, event: AuditEvent, *, expected_version: int) -> None: ...

    def link(
        self, case: Case, event: AuditEvent, earlier_id: str, relation: str, similarity: float | None
    ) -> None: ...

    def attach(
        self, case: Case, event: AuditEvent, attachment: Attachment, *, expected_version: int
    ) -> None: ...

    def attachments(self, case_id: str) -> list[Attachment]: ...

    def get(self, case_id: str) -> Case | None: ...

    def suggestion(self, case_id: str) -> RouteSuggestion | None: ...

    def contact(self, case_id: str) -> Contact | None: ...

    def find(self, where: CaseFilter) -> list[Case]: ...

    def all_cases(self, agency: str) -> list[Case]: ...

    def answered_cases(self, agency: str) -> list[Case]: ...

    def answered_fingerprint(self, agency: str) -> tuple[int, int]: ...

    def agencies(self) -> list[str]: ...

    def events(self, case_id: str) -> list[AuditEvent]: ...

    def links(self, case_id: str) -> list[tuple[str, str, float | None]]: ...

    def open_cases_due_before(self, moment: datetime) -> list[Case]: ...

    def claim_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> bool: ...

    def release_notification(self, case_id: str, kind: str, channel: str, due_at: datetime) -> None: ...


class Notifier(Protocol):
    """One way a due-soon/overdue notice leaves the process (e-mail, webhook)."""

    channel: str

    def send(self, recipient: str | None, subject: str, body: str, payload: dict[str, Any]) -> None:
        """Raise ``NotificationFailed`` when the notice could not be delivered."""
        ...


class NotificationFailed(RuntimeError):
    pass
