"""``biseo deadline``: the 처리기한 of a 민원 under 민원처리법 §19 and 시행령 §§14–21."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from biseo.bootstrap import build_calendar
from biseo.config import Settings
from biseo.domain.complaints.deadlines import (
    ComplaintKind,
    Deadline,
    Extension,
    ExtensionReason,
    Period,
    period_for,
)
from biseo.interfaces.errors import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("deadline", help="민원 처리기한을 계산합니다 (민원처리법 제19조)")
    cmd.add_argument(
        "--received", type=datetime.fromisoformat, required=True, help="접수 시각, e.g. 2026-03-09T17:00"
    )
    cmd.add_argument("--kind", choices=[k.value for k in ComplaintKind], required=True)
    cmd.add_argument("--days", type=int, help="법정민원의 처리기간(일)")
    cmd.add_argument(
        "--extend", type=int, action="append", default=[], help="연장 일수 (두 번째는 --consent 필요)"
    )
    cmd.add_argument(
        "--reason", choices=[r.value for r in ExtensionReason], default=ExtensionReason.COOPERATION.value
    )
    cmd.add_argument("--consent", action="store_true", help="민원인이 두 번째 연장에 동의함")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.load()
    kind = ComplaintKind(args.kind)
    period, article = period_for(kind, Period.days(args.days) if args.days else None)
    deadline = Deadline(args.received, period)
    for i, amount in enumerate(args.extend):
        deadline = deadline.extend(
            Extension(amount, ExtensionReason(args.reason), consent=args.consent and i > 0)
        )
    years = range(args.received.year, args.received.year + 3)
    calendar = build_calendar(settings, years)
    due = deadline.due(calendar)
    counted = "근무시간" if period.in_hours else "일(첫날 산입)"
    if args.json:
        print(
            json.dumps(
                {
                    "received": args.received.isoformat(),
                    "kind": kind.value,
                    "due": due.isoformat(),
                    "counted_in": "hours" if period.in_hours else "days",
                    "basis": article,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(
            f"처리기한: {due:%Y. %-m. %-d.} {due:%H:%M} ({counted} 기준, 토요일·공휴일 제외)\n근거: {article}, 민원 처리에 관한 법률 제19조"
        )
    return EXIT_OK
