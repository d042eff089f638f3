"""Who may see and do what with a 민원 case: agencies, departments and roles.

- Nobody sees another agency's case; a transferred (이송) case belongs to the receiving agency.
- 민원총괄 (coordinator) sees every case of its agency, assigns departments and transfers.
- 담당·팀장·과장 see their department's cases; 국장 sees the departments of the units it heads.
- Only the assigned 담당자 works the case and sees the complainant's contact unmasked.
- Signatures follow the 결재선: the role the draft waits for, in the case's department.

Reads of an invisible case are reported as "not found", so ids reveal nothing across agencies.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from biseo.domain.complaints.approval import ApprovalLine, Role
from biseo.domain.complaints.cases import Action, Case, next_approver
from biseo.domain.errors import Forbidden, NotFound


@dataclass(frozen=True, slots=True)
class Staff:
    id: str
    name: str
    agency: str
    department: str | None  # None for an agency-wide role (민원총괄)
    role: Role
    units: tuple[str, ...] = ()  # departments a 국장 oversees
    email: str | None = None  # where due-soon and overdue notices go

    @property
    def scope(self) -> frozenset[str]:
        own = {self.department} if self.department else set()
        return frozenset(own | set(self.units))


def can_see(staff: Staff, case: Case) -> bool:
    if staff.agency != case.agency:
        return False
    if staff.role is Role.COORDINATOR:
        return True
    return case.department is not None and case.department in staff.scope


def can_see_contact(staff: Staff, case: Case) -> bool:
    return can_see(staff, case) and case.handler == staff.id


def ensure_visible(staff: Staff, case: Case) -> None:
    if not can_see(staff, case):
        raise NotFound(f"case {case.id}")


def _is_handler(staff: Staff, case: Case) -> bool:
    return case.handler == staff.id


def _leads_department(staff: Staff, case: Case) -> bool:
    return staff.role in (Role.TEAM_LEAD, Role.HEAD, Role.DIRECTOR) and case.department in staff.scope


def may(staff: Staff, action: Action, case: Case, line: ApprovalLine) -> bool:
    """Whether ``staff`` may take ``action`` on a case it can see."""
    if not can_see(staff, case):
        return False
    coordinator = staff.role is Role.COORDINATOR
    if action is Action.ASSIGN or action is Action.ROUTE_OVERRIDE:
        return coordinator or _leads_department(staff, case)
    if action is Action.TRANSFER:
        return coordinator or (staff.role is Role.HEAD and case.department in staff.scope)
    if action in (
        Action.START,
        Action.REQUEST_SUPPLEMENT,
        Action.SUPPLEMENT_RECEIVED,
        Action.DRAFT,
        Action.SUBMIT,
    ):
        return _is_handler(staff, case)
    if action is Action.EXTEND:
        return _is_handler(staff, case) or _leads_department(staff, case)
    if action in (Action.LINK, Action.ATTACH):
        return coordinator or _is_handler(staff, case)
    if action in (Action.APPROVE, Action.REJECT):
        return case.department in staff.scope and next_approver(case, line) is staff.role
    return False


def ensure_may(staff: Staff, action: Action, case: Case, line: ApprovalLine) -> None:
    ensure_visible(staff, case)
    if not may(staff, action, case, line):
        raise Forbidden(
            f"staff {staff.id} ({staff.role}) may not {action} case {case.id}",
            message_ko="이 민원에 대해 이 처리를 할 권한이 없습니다.",
        )


def staff_key_hash(key: str) -> str:
    """How a staff key is kept and looked up: its SHA-256, never the key itself."""
    return hashlib.sha256(key.encode()).hexdigest()
