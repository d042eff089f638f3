"""민원 사건 (a complaint case) and its workflow, as pure values and transition functions.

States: 접수 → 배정 → 처리중 → (보완요청 → 처리중) → 답변작성 → 결재 → 완료, and 이송 to another
agency (the case starts again as 접수 there). Every transition returns the new case and an audit
event; nothing here stores, logs or knows who may act (see ``biseo.domain.complaints.access``).

The 처리기한 is recomputed from the receipt time, the period for the kind (민원처리법 §19, 시행령
§§14–17), the 보완 pauses (법 §22, 시행령 §20) and extensions (시행령 §21) whenever they change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints.approval import ApprovalLine, Role
from biseo.domain.complaints.deadlines import ComplaintKind, Deadline, Extension, Pause, Period, Unit
from biseo.domain.errors import Conflict, InvalidInput


class CaseState(StrEnum):
    RECEIVED = "접수"
    ASSIGNED = "배정"
    IN_PROGRESS = "처리중"
    SUPPLEMENT = "보완요청"
    DRAFTING = "답변작성"
    APPROVAL = "결재"
    CLOSED = "완료"


OPEN_STATES = frozenset(CaseState) - {CaseState.CLOSED}
LINK_RELATIONS = ("repeat", "duplicate")  # 반복 민원 (same complainant, 법 §23) or 중복 민원


class Action(StrEnum):
    RECEIVE = "receive"
    ASSIGN = "assign"  # 부서 배정 (and optionally the handler)
    START = "start"
    REQUEST_SUPPLEMENT = "request_supplement"  # 보완 요청: the clock stops
    SUPPLEMENT_RECEIVED = "supplement_received"  # 보완 접수: the clock runs again
    DRAFT = "draft"  # 답변 작성 (or revise)
    SUBMIT = "submit"  # 결재 상신
    APPROVE = "approve"
    REJECT = "reject"  # 반려: back to 답변작성
    TRANSFER = "transfer"  # 이송 to another agency
    EXTEND = "extend"  # 처리기간 연장
    LINK = "link"  # 중복·반복 민원 연결
    ROUTE_OVERRIDE = "route_override"  # a person chose another unit than the router's first
    ATTACH = "attach"  # 첨부: a file parsed and kept with the case


# The steps a person takes through the API's ``transition`` and the CLI's ``act`` (each interface
# maps its own fields onto the step's command, ``biseo.domain.complaints.commands``).
TRANSITION_STEPS: tuple[Action, ...] = (
    Action.START,
    Action.REQUEST_SUPPLEMENT,
    Action.SUPPLEMENT_RECEIVED,
    Action.DRAFT,
    Action.SUBMIT,
    Action.APPROVE,
    Action.REJECT,
    Action.TRANSFER,
)

# Which actions each state allows (other than LINK and ATTACH, allowed in every open state).
_ALLOWED: dict[CaseState, frozenset[Action]] = {
    CaseState.RECEIVED: frozenset({Action.ASSIGN, Action.TRANSFER}),
    CaseState.ASSIGNED: frozenset({Action.ASSIGN, Action.START, Action.TRANSFER, Action.EXTEND}),
    CaseState.IN_PROGRESS: frozenset(
        {Action.ASSIGN, Action.REQUEST_SUPPLEMENT, Action.DRAFT, Action.TRANSFER, Action.EXTEND}
    ),
    CaseState.SUPPLEMENT: frozenset({Action.SUPPLEMENT_RECEIVED, Action.EXTEND}),
    CaseState.DRAFTING: frozenset({Action.DRAFT, Action.SUBMIT, Action.EXTEND}),
    CaseState.APPROVAL: frozenset({Action.APPROVE, Action.REJECT}),
    CaseState.CLOSED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    agency: str
    title: str
    content: str
    kind: ComplaintKind
    received_at: datetime
    period: Period
    state: CaseState = CaseState.RECEIVED
    department: str | None = None
    handler: str | None = None  # staff id of the 담당자
    due_at: datetime | None = None
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    supplement_since: datetime | None = None  # set while the clock is stopped
    answer: str = ""
    approvals: tuple[Role, ...] = ()  # roles that signed the current draft, in order
    closed_at: datetime | None = None
    transferred_from: tuple[str, ...] = ()  # agencies the case came through (이송)
    channel: str = "api"
    external_id: str | None = None  # the id in the system it was imported from
    complainant_key: str | None = None  # a keyed hash of the complainant's contact, for §23
    version: int = 1

    @property
    def deadline(self) -> Deadline:
        return Deadline(self.received_at, self.period, self.pauses, self.extensions)

    def is_overdue(self, now: datetime) -> bool:
        if self.due_at is None or (self.state is CaseState.CLOSED and self.closed_at is None):
            return False  # imported history without a closing time: unknown, not overdue
        end = self.closed_at if self.closed_at is not None else now
        return end > self.due_at


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the append-only 처리 이력: who did what to which case, when."""

    case_id: str
    at: datetime
    actor: str
    action: Action
    from_state: CaseState | None
    to_state: CaseState
    detail: dict[str, Any] = field(default_factory=dict)


def receive(case: Case, actor: str, calendar: BusinessCalendar) -> tuple[Case, AuditEvent]:
    """접수: the case as first stored, with its 처리기한."""
    received = replace(case, state=CaseState.RECEIVED, due_at=case.deadline.due(calendar))
    detail = {"kind": str(case.kind), "due_at": _iso(received.due_at), "channel": case.channel}
    return received, AuditEvent(
        case.id, case.received_at, actor, Action.RECEIVE, None, received.state, detail
    )


def allowed(case: Case, action: Action) -> bool:
    anytime = action in (Action.LINK, Action.ATTACH) and case.state in OPEN_STATES
    return anytime or action in _ALLOWED[case.state]


def _require(case: Case, action: Action) -> None:
    if not allowed(case, action):
        raise Conflict(
            f"{action} not allowed in state {case.state.name}",
            message_ko=f"'{case.state}' 상태에서는 이 처리({_ACTION_KO[action]})를 할 수 없습니다.",
        )


def _event(
    before: Case, after: Case, actor: str, at: datetime, action: Action, **detail: Any
) -> tuple[Case, AuditEvent]:
    after = replace(after, version=before.version + 1)
    return after, AuditEvent(before.id, at, actor, action, before.state, after.state, detail)


def assign(
    case: Case, actor: str, at: datetime, department: str, handler: str | None = None
) -> tuple[Case, AuditEvent]:
    _require(case, Action.ASSIGN)
    if not department.strip():
        raise InvalidInput("department is empty", message_ko="배정할 부서를 입력해 주세요.")
    moved = department != case.department
    state = CaseState.ASSIGNED if moved or case.state is CaseState.RECEIVED else case.state
    after = replace(
        case, department=department, handler=handler if (handler or moved) else case.handler, state=state
    )
    return _event(case, after, actor, at, Action.ASSIGN, department=department, handler=after.handler)


def start(case: Case, actor: str, at: datetime) -> tuple[Case, AuditEvent]:
    _require(case, Action.START)
    if case.handler is None:
        raise Conflict("no handler assigned", message_ko="담당자를 먼저 지정해 주세요.")
    return _event(case, replace(case, state=CaseState.IN_PROGRESS), actor, at, Action.START)


def request_supplement(case: Case, actor: str, at: datetime, request: str) -> tuple[Case, AuditEvent]:
    """보완 요청 (법 §22): the period stops until the supplement arrives (시행령 §20)."""
    _require(case, Action.REQUEST_SUPPLEMENT)
    if not request.strip():
        raise InvalidInput("supplement request is empty", message_ko="보완 요청 내용을 입력해 주세요.")
    after = replace(case, state=CaseState.SUPPLEMENT, supplement_since=at)
    return _event(case, after, actor, at, Action.REQUEST_SUPPLEMENT, request=request)


def supplement_received(
    case: Case, actor: str, at: datetime, calendar: BusinessCalendar
) -> tuple[Case, AuditEvent]:
    _require(case, Action.SUPPLEMENT_RECEIVED)
    since = case.supplement_since or at
    pauses = (*case.pauses, Pause(since, max(at, since)))
    after = replace(case, state=CaseState.IN_PROGRESS, supplement_since=None, pauses=pauses)
    after = replace(after, due_at=after.deadline.due(calendar))
    return _event(
        case, after, actor, at, Action.SUPPLEMENT_RECEIVED, paused_from=_iso(since), due_at=_iso(after.due_at)
    )


def draft(case: Case, actor: str, at: datetime, answer: str) -> tuple[Case, AuditEvent]:
    _require(case, Action.DRAFT)
    if not answer.strip():
        raise InvalidInput("answer is empty", message_ko="답변 내용을 입력해 주세요.")
    after = replace(case, state=CaseState.DRAFTING, answer=answer, approvals=())
    return _event(case, after, actor, at, Action.DRAFT, characters=len(answer))


def submit(case: Case, actor: str, at: datetime) -> tuple[Case, AuditEvent]:
    """결재 상신: the 담당 signs first."""
    _require(case, Action.SUBMIT)
    after = replace(case, state=CaseState.APPROVAL, approvals=(Role.HANDLER,))
    return _event(case, after, actor, at, Action.SUBMIT)


def next_approver(case: Case, line: ApprovalLine) -> Role | None:
    """The role whose signature the draft waits for, or None when it is not in 결재."""
    if case.state is not CaseState.APPROVAL:
        return None
    return line.next_after(case.kind, case.approvals)


def approve(case: Case, actor: str, role: Role, at: datetime, line: ApprovalLine) -> tuple[Case, AuditEvent]:
    _require(case, Action.APPROVE)
    expected = next_approver(case, line)
    if role is not expected:
        raise Conflict(
            f"approval expected from {expected}, not {role}",
            message_ko=f"지금은 {expected} 결재 차례입니다.",
        )
    approvals = (*case.approvals, role)
    final = line.final_role(case.kind)
    if role is final:
        after = replace(case, approvals=approvals, state=CaseState.CLOSED, closed_at=at)
        return _event(case, after, actor, at, Action.APPROVE, role=str(role), final=True)
    after = replace(case, approvals=approvals)
    return _event(case, after, actor, at, Action.APPROVE, role=str(role), final=False)


def reject(case: Case, actor: str, role: Role, at: datetime, reason: str) -> tuple[Case, AuditEvent]:
    _require(case, Action.REJECT)
    if not reason.strip():
        raise InvalidInput("rejection reason is empty", message_ko="반려 사유를 입력해 주세요.")
    after = replace(case, state=CaseState.DRAFTING, approvals=())
    return _event(case, after, actor, at, Action.REJECT, role=str(role), reason=reason)


def transfer(case: Case, actor: str, at: datetime, to_agency: str, reason: str) -> tuple[Case, AuditEvent]:
    """이송 (법 §16): the receiving agency gets the case as 접수, without department or handler."""
    _require(case, Action.TRANSFER)
    if not to_agency.strip() or to_agency == case.agency:
        raise InvalidInput(
            "transfer target is empty or the same agency", message_ko="이송할 다른 기관을 입력해 주세요."
        )
    after = replace(
        case,
        agency=to_agency,
        department=None,
        handler=None,
        state=CaseState.RECEIVED,
        transferred_from=(*case.transferred_from, case.agency),
    )
    return _event(
        case, after, actor, at, Action.TRANSFER, from_agency=case.agency, to_agency=to_agency, reason=reason
    )


def extend(
    case: Case, actor: str, at: datetime, extension: Extension, calendar: BusinessCalendar
) -> tuple[Case, AuditEvent]:
    """처리기간 연장 (시행령 §21): the domain's deadline rules decide whether it is allowed."""
    _require(case, Action.EXTEND)
    deadline = case.deadline.extend(extension)
    after = replace(case, extensions=deadline.extensions)
    after = replace(after, due_at=after.deadline.due(calendar))
    return _event(
        case,
        after,
        actor,
        at,
        Action.EXTEND,
        amount=extension.amount,
        reason=str(extension.reason),
        consent=extension.consent,
        due_at=_iso(after.due_at),
    )


def link(case: Case, actor: str, at: datetime, earlier_id: str, relation: str) -> tuple[Case, AuditEvent]:
    _require(case, Action.LINK)
    if earlier_id == case.id:
        raise InvalidInput(
            "a case cannot be linked to itself", message_ko="같은 민원끼리는 연결할 수 없습니다."
        )
    if relation not in LINK_RELATIONS:
        raise InvalidInput(
            f"unknown relation {relation!r}",
            message_ko="연결 종류는 repeat(반복) 또는 duplicate(중복)입니다.",
        )
    detail = {"earlier": earlier_id, "relation": relation}
    return case, AuditEvent(
        case.id, at, actor, Action.LINK, case.state, case.state, detail
    )  # the case is unchanged


def attach(
    case: Case, actor: str, at: datetime, number: int, file_format: str, characters: int
) -> tuple[Case, AuditEvent]:
    _require(case, Action.ATTACH)
    return _event(
        case, case, actor, at, Action.ATTACH, number=number, format=file_format, characters=characters
    )


def period_of(amount: int, unit: str) -> Period:
    return Period(amount, Unit(unit))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


_ACTION_KO: dict[Action, str] = {
    Action.RECEIVE: "접수",
    Action.ASSIGN: "배정",
    Action.START: "처리 시작",
    Action.REQUEST_SUPPLEMENT: "보완 요청",
    Action.SUPPLEMENT_RECEIVED: "보완 접수",
    Action.DRAFT: "답변 작성",
    Action.SUBMIT: "결재 상신",
    Action.APPROVE: "결재",
    Action.REJECT: "반려",
    Action.TRANSFER: "이송",
    Action.EXTEND: "기간 연장",
    Action.LINK: "중복 민원 연결",
    Action.ROUTE_OVERRIDE: "배정 변경",
    Action.ATTACH: "첨부",
}
