"""What the ``biseo complaints`` commands share, and the workflow steps (assign, act, extend, link)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from biseo.bootstrap import Services, build_services
from biseo.domain.access import Staff
from biseo.domain.cases import TEXT_PARAMETER, Action, Case
from biseo.domain.errors import NotFound
from biseo.interfaces.errors import EXIT_OK


def with_services(args: argparse.Namespace, work: Any) -> int:
    services = build_services()
    try:
        return int(work(services))
    finally:
        services.close()


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


def _acting(args: argparse.Namespace, action: Action, **params: Any) -> int:
    def work(services: Services) -> int:
        staff = actor_of(services, args.actor)
        case = services.complaints.act(staff, args.id, action, **params)
        now = services.complaints.now()
        if args.json:
            print(json.dumps(case_json(case, now), ensure_ascii=False))
        else:
            print_case_line(case, now)
        return EXIT_OK

    return with_services(args, work)


def run_assign(args: argparse.Namespace) -> int:
    return _acting(args, Action.ASSIGN, department=args.department, handler=args.handler_id)


def run_act(args: argparse.Namespace) -> int:
    step = Action(args.step)
    text_field = TEXT_PARAMETER.get(step)
    params: dict[str, Any] = {text_field: args.text} if text_field else {}
    if step is Action.TRANSFER:
        params["to_agency"] = args.to_agency or ""
    return _acting(args, step, **params)


def run_extend(args: argparse.Namespace) -> int:
    return _acting(args, Action.EXTEND, amount=args.days, reason=args.reason, consent=args.consent)


def run_link(args: argparse.Namespace) -> int:
    return _acting(args, Action.LINK, earlier_id=args.earlier, relation=args.relation)
