"""``biseo complaints …``: staff, intake, CSV import, queue, case view, workflow, stats, notices.

Commands act as a registered staff member (``--as STAFF_ID``): the CLI runs on the server, so it
trusts the id, but the same access rules as the API decide what that person sees and does.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from biseo.bootstrap import Services, build_alerts
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.complaints.cases import TRANSITION_STEPS, CaseState
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.deadlines import ComplaintKind, ExtensionReason
from biseo.domain.complaints.routing import stable_unit
from biseo.domain.errors import InvalidInput
from biseo.interfaces.cli.complaints_support import (
    actor_of,
    case_json,
    print_case_line,
    run_act,
    run_assign,
    run_extend,
    run_link,
    with_services,
)
from biseo.interfaces.errors import EXIT_OK

if TYPE_CHECKING:
    from biseo.services.complaints.service import IntakeResult


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("complaints", help="민원 접수·배정·처리·결재·통계")
    sub = cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    _register_staff(sub)
    _register_intake(sub)
    _register_workflow(sub)
    notify = sub.add_parser("notify", help="처리기한 임박·경과 알림을 보냅니다 (e-mail, webhook)")
    notify.set_defaults(handler=run_notify)


def _acting(sub: argparse._SubParsersAction, name: str, help_text: str) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text)
    parser.add_argument("--as", dest="actor", required=True, help="처리하는 직원 ID")
    parser.add_argument("--json", action="store_true")
    return parser


def _register_staff(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    staff = sub.add_parser("staff", help="직원(담당·팀장·과장·국장·민원총괄) 등록과 조회")
    staff_sub = staff.add_subparsers(dest="staff_action", required=True, metavar="ACTION")
    add = staff_sub.add_parser("add", help="직원을 등록하고 API 키를 한 번 보여 줍니다")
    add.add_argument("--id", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--agency", required=True)
    add.add_argument("--department")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--units", nargs="*", default=[], help="국장이 관할하는 부서들")
    add.add_argument("--email")
    add.set_defaults(handler=run_staff_add)
    rekey = staff_sub.add_parser(
        "rekey", help="직원의 API 키를 새로 발급합니다 (이전 키와 그 키로 로그인한 화면은 바로 끊깁니다)"
    )
    rekey.add_argument("--id", required=True)
    rekey.set_defaults(handler=run_staff_rekey)
    listing = staff_sub.add_parser("list", help="등록된 직원")
    listing.add_argument("--agency")
    listing.set_defaults(handler=run_staff_list)


def _register_intake(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = _acting(sub, "add", "민원을 접수합니다")
    new.add_argument("--title", required=True)
    new.add_argument("--content", required=True)
    new.add_argument(
        "--kind", choices=[k.value for k in ComplaintKind], default=ComplaintKind.GRIEVANCE.value
    )
    new.add_argument("--days", type=int, help="법정민원의 처리기간(일)")
    for field in ("name", "phone", "email", "address"):
        new.add_argument(f"--{field}", help=f"민원인 {field} (본문과 따로, 담당자에게만 보임)")
    new.add_argument("--attach", type=Path, action="append", default=[], help="첨부 파일 (여러 번 가능)")
    new.set_defaults(handler=run_add)

    imp = _acting(sub, "import", "답변된 민원 CSV(id,title,date,content,answer,department)를 등록합니다")
    imp.add_argument("--file", type=Path, required=True)
    imp.add_argument(
        "--kind", choices=[k.value for k in ComplaintKind], default=ComplaintKind.GRIEVANCE.value
    )
    imp.set_defaults(handler=run_import)

    queue = _acting(sub, "list", "볼 수 있는 민원 목록 (처리기한 순)")
    queue.add_argument("--state", choices=[s.value for s in CaseState])
    queue.add_argument("--kind", choices=[k.value for k in ComplaintKind])
    queue.add_argument("--department")
    queue.add_argument("--overdue", action="store_true", help="처리기한이 지난 미완료 민원만")
    queue.add_argument("--limit", type=int, default=100)
    queue.set_defaults(handler=run_list)

    show = _acting(sub, "show", "민원 한 건과 처리 이력")
    show.add_argument("id")
    show.set_defaults(handler=run_show)


def _register_workflow(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    assign = _acting(sub, "assign", "부서·담당자 배정")
    assign.add_argument("id")
    assign.add_argument("--department")
    assign.add_argument("--handler", dest="handler_id", help="담당자 직원 ID")
    assign.set_defaults(handler=run_assign)

    act = _acting(sub, "act", "처리 단계 진행 (처리 시작, 보완 요청, 답변 작성, 상신, 결재, 반려, 이송)")
    act.add_argument("id")
    act.add_argument("step", choices=[a.value for a in TRANSITION_STEPS])
    act.add_argument("--text", default="", help="보완 요청 내용, 답변, 반려·이송 사유")
    act.add_argument("--to-agency", help="이송받을 기관")
    act.set_defaults(handler=run_act)

    extend = _acting(sub, "extend", "처리기간 연장 (시행령 제21조)")
    extend.add_argument("id")
    extend.add_argument("--days", type=int, required=True)
    extend.add_argument("--reason", choices=[r.value for r in ExtensionReason], required=True)
    extend.add_argument("--consent", action="store_true", help="민원인이 두 번째 연장에 동의함")
    extend.set_defaults(handler=run_extend)

    link = _acting(sub, "link", "중복·반복 민원을 앞선 민원에 연결")
    link.add_argument("id")
    link.add_argument("earlier")
    link.add_argument("--relation", choices=["repeat", "duplicate"], default="duplicate")
    link.set_defaults(handler=run_link)

    dup = _acting(sub, "duplicates", "비슷한 앞선 민원 찾기 (법 제23조 반복 민원 포함)")
    dup.add_argument("id")
    dup.set_defaults(handler=run_duplicates)

    stats = _acting(sub, "stats", "부서·종류·상태별 건수, 기한 경과율, 평균 처리시간, 급증 키워드 (JSON)")
    stats.set_defaults(handler=run_stats)


def run_staff_add(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        staff = Staff(
            args.id, args.name, args.agency, args.department, Role(args.role), tuple(args.units), args.email
        )
        key = services.complaints.enrol_staff(staff)
        print(f"등록: {staff.id} ({staff.role}, {staff.agency} {staff.department or ''})")
        print(f"API 키 (다시 보여 주지 않습니다): {key}")
        return EXIT_OK

    return with_services(args, work)


def run_staff_rekey(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        key = services.complaints.rekey_staff(args.id)
        print(f"새 키 발급: {args.id} (이전 키는 더 이상 쓸 수 없습니다)")
        print(f"API 키 (다시 보여 주지 않습니다): {key}")
        return EXIT_OK

    return with_services(args, work)


def run_staff_list(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        for s in services.complaints.store.list_staff(args.agency):
            print(f"{s.id}  {s.role:<4} {s.agency} {s.department or ''}  {s.name}")
        return EXIT_OK

    return with_services(args, work)


def run_add(args: argparse.Namespace) -> int:
    from biseo.services.complaints.service import NewComplaint

    def work(services: Services) -> int:
        staff = actor_of(services, args.actor)
        result = services.complaints.intake(
            NewComplaint(
                agency=staff.agency,
                title=args.title,
                content=args.content,
                kind=ComplaintKind(args.kind),
                statutory_days=args.days,
                contact=Contact(args.name, args.phone, args.email, args.address),
                channel="cli",
            ),
            actor=staff.id,
        )
        attached = [
            services.complaints.attach(staff, result.case.id, _read_attachment(path), path.name).number
            for path in args.attach
        ]
        _print_intake(result, attached, as_json=args.json)
        return EXIT_OK

    return with_services(args, work)


def _read_attachment(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"cannot read attachment {path.suffix}", message_ko="첨부 파일을 읽을 수 없습니다."
        ) from exc


def _print_intake(result: IntakeResult, attached: list[int], *, as_json: bool) -> None:
    case = result.case
    matches = result.duplicates.matches if result.duplicates else []
    if as_json:
        shown = {
            "id": case.id,
            "attachments": attached,
            "due_at": case.due_at.isoformat() if case.due_at else None,
            "duplicates": [asdict(m) for m in matches],
            "suggestion": asdict(result.suggestion) if result.suggestion else None,
        }
        print(json.dumps(shown, ensure_ascii=False))
        return
    print(
        f"접수: {case.id}  처리기한 {case.due_at:%Y. %-m. %-d. %H:%M}" if case.due_at else f"접수: {case.id}"
    )
    if result.suggestion:
        print(f"추천 부서: {result.suggestion.primary} (신뢰도 {result.suggestion.confidence:.2f})")
    for m in matches:
        kind = "반복 민원" if m.relation == "repeat" else "유사 민원"
        print(f"{kind}: {m.case_id} (유사도 {m.similarity:.2f}{', 답변 있음' if m.answered else ''})")


def run_import(args: argparse.Namespace) -> int:
    from biseo.services.complaints.history_import import import_history, read_complaint_csv

    def work(services: Services) -> int:
        staff = actor_of(services, args.actor)
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            raise InvalidInput(
                f"cannot read {args.file.name}", message_ko="파일을 읽을 수 없습니다."
            ) from exc
        counts = import_history(
            services.complaints,
            staff,
            read_complaint_csv(data),
            args.file.name,
            ComplaintKind(args.kind),
            stable_unit,
        )
        print(
            json.dumps(counts, ensure_ascii=False)
            if args.json
            else f"등록 {counts['created']}건, 이미 있음 {counts['skipped']}건, 건너뜀(내용 없음) {counts['invalid']}건"
        )
        return EXIT_OK

    return with_services(args, work)


def run_list(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        staff = actor_of(services, args.actor)
        now = services.complaints.now()
        cases = services.complaints.queue(
            staff,
            state=CaseState(args.state) if args.state else None,
            kind=ComplaintKind(args.kind) if args.kind else None,
            department=args.department,
            due_before=now if args.overdue else None,
            limit=args.limit,
        )
        if args.json:
            print(json.dumps([case_json(c, now) for c in cases], ensure_ascii=False))
            return EXIT_OK
        print(f"민원 {len(cases)}건")
        for case in cases:
            print_case_line(case, now)
        return EXIT_OK

    return with_services(args, work)


def run_show(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        staff = actor_of(services, args.actor)
        view = services.complaints.view(staff, args.id)
        now = services.complaints.now()
        if args.json:
            print(
                json.dumps(
                    {
                        **case_json(view.case, now),
                        "content": view.case.content,
                        "answer": view.case.answer,
                        "contact": asdict(view.contact) if view.contact else None,
                        "contact_masked": view.contact_masked,
                        "events": [
                            {
                                "at": e.at.isoformat(),
                                "actor": e.actor,
                                "action": str(e.action),
                                "to_state": str(e.to_state),
                                "detail": e.detail,
                            }
                            for e in view.events
                        ],
                        "links": view.links,
                        "allowed_actions": [str(a) for a in view.allowed_actions],
                    },
                    ensure_ascii=False,
                )
            )
            return EXIT_OK
        print_case_line(view.case, now)
        print(view.case.content)
        if view.contact:
            print(f"민원인: {view.contact.name or '-'} {view.contact.phone or ''} {view.contact.email or ''}")
        for e in view.events:
            print(f"  {e.at:%Y-%m-%d %H:%M}  {e.actor:<10} {e.action:<20} → {e.to_state}")
        return EXIT_OK

    return with_services(args, work)


def run_duplicates(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        report = services.complaints.duplicates(actor_of(services, args.actor), args.id)
        print(
            json.dumps(
                {
                    "matches": [asdict(m) for m in report.matches],
                    "answered_repeats": report.answered_repeats,
                    "may_close_as_repeat": report.may_close_as_repeat,
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK

    return with_services(args, work)


def run_stats(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        stats = services.complaints.analytics(actor_of(services, args.actor))
        print(json.dumps(asdict(stats), ensure_ascii=False, default=str))
        return EXIT_OK

    return with_services(args, work)


def run_notify(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        alerts = build_alerts(services.settings, services.complaints)
        if not alerts.notifiers:
            raise InvalidInput(
                "no notifier configured",
                message_ko="알림 수단이 없습니다. BISEO_SMTP_HOST 또는 BISEO_WEBHOOK_URL을 설정해 주세요.",
            )
        print(json.dumps(alerts.run(), ensure_ascii=False))
        return EXIT_OK

    return with_services(args, work)
