"""One handler per 민원 command, found through a table keyed by the command's type (no if-chain).

``ComplaintService.handle`` checks visibility and permission and builds the ``Step``; a handler
applies its domain transition and stores the case with its audit event through the ``CaseStore``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints import cases as workflow
from biseo.domain.complaints.access import Staff, ensure_visible
from biseo.domain.complaints.approval import ApprovalLine, Role
from biseo.domain.complaints.cases import AuditEvent, Case
from biseo.domain.complaints.commands import (
    Approve,
    AssignCase,
    CaseCommand,
    DraftAnswer,
    Extend,
    LinkCase,
    ReceiveSupplement,
    Reject,
    RequestSupplement,
    StartWork,
    SubmitForApproval,
    Transfer,
)
from biseo.domain.complaints.deadlines import Extension
from biseo.domain.errors import Forbidden, InvalidInput, NotFound
from biseo.services.complaints.ports import CaseStore


@dataclass(frozen=True, slots=True)
class Step:
    """A command being handled: who acts on which case (as loaded), when, under which 결재선."""

    staff: Staff
    case: Case
    at: datetime
    line: ApprovalLine
    store: CaseStore
    calendar: BusinessCalendar

    @property
    def actor(self) -> str:
        return self.staff.id

    def save(self, changed: tuple[Case, AuditEvent]) -> Case:
        """Store the changed case and its event, if nobody changed the case since it was read."""
        case, event = changed
        self.store.update(case, event, expected_version=self.case.version)
        return case


C = TypeVar("C", bound=CaseCommand)
Handler = Callable[[Step, C], Case]
_HANDLERS: dict[type[CaseCommand], Handler[CaseCommand]] = {}


def handles(kind: type[C]) -> Callable[[Handler[C]], Handler[C]]:
    """Register the handler of one command type (the pairing is type-checked)."""

    def register(handler: Handler[C]) -> Handler[C]:
        _HANDLERS[kind] = handler  # type: ignore[assignment]  # called only with a ``kind`` command
        return handler

    return register


def handled_types() -> frozenset[type[CaseCommand]]:
    return frozenset(_HANDLERS)


def dispatch(step: Step, command: CaseCommand) -> Case:
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise InvalidInput(f"unknown command {type(command).__name__}", message_ko="알 수 없는 처리입니다.")
    return handler(step, command)


def visible_case(store: CaseStore, staff: Staff, case_id: str) -> Case:
    """The case, if ``staff`` may see it (an invisible case is as absent as a missing one)."""
    case = store.get(case_id)
    if case is None:
        raise NotFound(f"case {case_id}")
    ensure_visible(staff, case)
    return case


@handles(AssignCase)
def assign(step: Step, command: AssignCase) -> Case:
    case = step.case
    department = command.department or case.department or ""
    _check_assignment(step, department, command.handler)
    changed, event = workflow.assign(case, step.actor, step.at, department, command.handler)
    suggestion = step.store.suggestion(case.id)
    suggested = suggestion.primary if suggestion else None
    if suggested and suggested != department:  # a recorded human override of the router
        event = replace(event, detail={**event.detail, "route_override": {"suggested": suggested}})
    return step.save((changed, event))


def _check_assignment(step: Step, department: str, handler: str | None) -> None:
    staff, case = step.staff, step.case
    if staff.role is not Role.COORDINATOR and department != case.department:
        raise Forbidden(
            f"{staff.id} may not move case {case.id} to another department",
            message_ko="다른 부서로 재배정은 민원총괄 부서만 할 수 있습니다.",
        )
    if handler is None:
        return
    person = step.store.staff(handler)
    if person is None or person.agency != case.agency or person.department != department:
        raise InvalidInput(
            f"handler {handler} is not staff of {department}",
            message_ko="담당자는 배정된 부서의 직원이어야 합니다.",
        )


@handles(StartWork)
def start(step: Step, command: StartWork) -> Case:
    return step.save(workflow.start(step.case, step.actor, step.at))


@handles(RequestSupplement)
def request_supplement(step: Step, command: RequestSupplement) -> Case:
    return step.save(workflow.request_supplement(step.case, step.actor, step.at, command.request))


@handles(ReceiveSupplement)
def receive_supplement(step: Step, command: ReceiveSupplement) -> Case:
    return step.save(workflow.supplement_received(step.case, step.actor, step.at, step.calendar))


@handles(DraftAnswer)
def draft_answer(step: Step, command: DraftAnswer) -> Case:
    return step.save(workflow.draft(step.case, step.actor, step.at, command.answer))


@handles(SubmitForApproval)
def submit(step: Step, command: SubmitForApproval) -> Case:
    return step.save(workflow.submit(step.case, step.actor, step.at))


@handles(Approve)
def approve(step: Step, command: Approve) -> Case:
    return step.save(workflow.approve(step.case, step.actor, step.staff.role, step.at, step.line))


@handles(Reject)
def reject(step: Step, command: Reject) -> Case:
    return step.save(workflow.reject(step.case, step.actor, step.staff.role, step.at, command.reason))


@handles(Transfer)
def transfer(step: Step, command: Transfer) -> Case:
    return step.save(workflow.transfer(step.case, step.actor, step.at, command.to_agency, command.reason))


@handles(Extend)
def extend(step: Step, command: Extend) -> Case:
    extension = Extension(command.amount, command.reason, command.consent)
    return step.save(workflow.extend(step.case, step.actor, step.at, extension, step.calendar))


@handles(LinkCase)
def link(step: Step, command: LinkCase) -> Case:
    """연결 to an earlier case the official can also see; the case itself is unchanged."""
    changed, event = workflow.link(step.case, step.actor, step.at, command.earlier_id, command.relation)
    earlier = visible_case(step.store, step.staff, command.earlier_id)
    step.store.link(changed, event, earlier.id, command.relation, None)
    return changed
