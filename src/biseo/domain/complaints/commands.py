"""민원 처리 명령: one small value per step a person takes on a case (배정, 처리 시작, 보완 요청, …).

A command names the case and carries what the step needs, in domain terms and nothing else: the
interfaces map their own field names (JSON keys, form fields, CLI options) onto these fields, and
``biseo.services.complaints.commands`` handles each command type with one function. Who acts, when,
and under which 결재선 come from the service, never from the command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from biseo.domain.complaints.cases import Action
from biseo.domain.complaints.deadlines import ExtensionReason
from biseo.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class CaseCommand:
    """A step on the case ``case_id``; ``action`` is the workflow action it performs."""

    action: ClassVar[Action]
    case_id: str


@dataclass(frozen=True, slots=True)
class AssignCase(CaseCommand):
    """배정: to ``department`` (None: keep the current one) and optionally to a 담당자."""

    action: ClassVar[Action] = Action.ASSIGN
    department: str | None = None
    handler: str | None = None  # staff id of the 담당자


@dataclass(frozen=True, slots=True)
class StartWork(CaseCommand):
    """처리 시작 by the assigned 담당자."""

    action: ClassVar[Action] = Action.START


@dataclass(frozen=True, slots=True)
class RequestSupplement(CaseCommand):
    """보완 요청 (법 §22): what the complainant is asked for; the clock stops."""

    action: ClassVar[Action] = Action.REQUEST_SUPPLEMENT
    request: str


@dataclass(frozen=True, slots=True)
class ReceiveSupplement(CaseCommand):
    """보완 접수: the supplement arrived and the clock runs again."""

    action: ClassVar[Action] = Action.SUPPLEMENT_RECEIVED


@dataclass(frozen=True, slots=True)
class DraftAnswer(CaseCommand):
    """답변 작성 (or revise): a new draft clears the signatures collected so far."""

    action: ClassVar[Action] = Action.DRAFT
    answer: str


@dataclass(frozen=True, slots=True)
class SubmitForApproval(CaseCommand):
    """결재 상신: the 담당 signs first."""

    action: ClassVar[Action] = Action.SUBMIT


@dataclass(frozen=True, slots=True)
class Approve(CaseCommand):
    """결재(승인) in the acting official's role; the final role closes the case."""

    action: ClassVar[Action] = Action.APPROVE


@dataclass(frozen=True, slots=True)
class Reject(CaseCommand):
    """반려: back to 답변작성, with the reason."""

    action: ClassVar[Action] = Action.REJECT
    reason: str


@dataclass(frozen=True, slots=True)
class Transfer(CaseCommand):
    """이송 (법 §16) to another agency, with the reason."""

    action: ClassVar[Action] = Action.TRANSFER
    to_agency: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Extend(CaseCommand):
    """처리기간 연장 (시행령 §21); ``consent``: the complainant agreed (needed the second time)."""

    action: ClassVar[Action] = Action.EXTEND
    amount: int
    reason: ExtensionReason
    consent: bool = False


@dataclass(frozen=True, slots=True)
class LinkCase(CaseCommand):
    """중복·반복 민원 연결 to the earlier case ``earlier_id``."""

    action: ClassVar[Action] = Action.LINK
    earlier_id: str
    relation: str = "duplicate"  # one of ``cases.LINK_RELATIONS``


def extension(case_id: str, amount: int | str | None, reason: str | None, consent: bool = False) -> Extend:
    """The 연장 command from what a person typed: a number of days and a reason by its Korean name."""
    try:
        return Extend(case_id, int(amount or 0), ExtensionReason(str(reason)), consent)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(
            f"bad extension: {exc}",
            message_ko="연장 일수와 사유("
            + ", ".join(r.value for r in ExtensionReason)
            + ")를 확인해 주세요.",
        ) from exc
