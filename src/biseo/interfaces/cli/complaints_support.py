"""What the ``biseo complaints`` commands share, and the workflow steps (assign, act, extend, link)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from biseo.bootstrap import Services, build_services
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.cases import Action, Case
from biseo.domain.complaints.commands import (
    Approve,
    AssignCase,
    CaseCommand,
    DraftAnswer,
    LinkCase,
    ReceiveSupplement,
    Reject,
    RequestSupplement,
    StartWork,
    SubmitForApproval,
    Transfer,
    extension,
)
from biseo.domain.errors import NotFound
from biseo.interfaces.errors import EXIT_OK


def with_services(args: argparse.Namespace, work: Any) -> int:
    with build_services() as services:
        return int(work(services))


def actor_of(services: Services, staff_id: str) -> Staff:
    staff = services.complaints.store.staff(staff_id)
    if staff is None:
        raise NotFound(f"staff {staff_id}")
    return staff


def print_case_line(case: Case, now: Any) -> None:
    due = f"{case.due_at:%Y. %-m. %-d. %H:%M}" if case.due_at else "-"
    late = " 기한경과" if case.is_overdue(now) else ""
    print(
        f"{case.id}  {case.state:<5} {case.kind:<7} {case.department or '미배정':<10} 기한 {due}{late}  {case.title[:40]}"
    )


def case_json(case: Case, now: Any) -> dict[str, Any]:
    return {
        "id": case.id,
        "state": str(case.state),
        "kind": str(case.kind),
        "department": case.department,
        "handler": case.handler,
        "title": case.title,
        "received_at": case.received_at.isoformat(),
        "due_at": case.due_at.isoformat() if case.due_at else None,
        "overdue": case.is_overdue(now),
    }


def _acting(args: argparse.Namespace, command: CaseCommand) -> int:
    def work(services: Services) -> int:
        staff = actor_of(services, args.actor)
        case = services.complaints.handle(staff, command)
        now = services.complaints.now()
        if args.json:
            print(json.dumps(case_json(case, now), ensure_ascii=False))
        else:
            print_case_line(case, now)
        return EXIT_OK

    return with_services(args, work)


def run_assign(args: argparse.Namespace) -> int:
    return _acting(args, AssignCase(args.id, args.department, args.handler_id))


# How ``act ID STEP --text … --to-agency …`` becomes each step's command.
_STEP_COMMANDS: dict[Action, Callable[[argparse.Namespace], CaseCommand]] = {
    Action.START: lambda a: StartWork(a.id),
    Action.REQUEST_SUPPLEMENT: lambda a: RequestSupplement(a.id, a.text),
    Action.SUPPLEMENT_RECEIVED: lambda a: ReceiveSupplement(a.id),
    Action.DRAFT: lambda a: DraftAnswer(a.id, a.text),
    Action.SUBMIT: lambda a: SubmitForApproval(a.id),
    Action.APPROVE: lambda a: Approve(a.id),
    Action.REJECT: lambda a: Reject(a.id, a.text),
    Action.TRANSFER: lambda a: Transfer(a.id, a.to_agency or "", a.text),
}


def run_act(args: argparse.Namespace) -> int:
    return _acting(args, _STEP_COMMANDS[Action(args.step)](args))


def run_extend(args: argparse.Namespace) -> int:
    return _acting(args, extension(args.id, args.days, args.reason, args.consent))


def run_link(args: argparse.Namespace) -> int:
    return _acting(args, LinkCase(args.id, args.earlier, args.relation))
