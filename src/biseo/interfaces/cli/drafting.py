"""``biseo draft reply|report|press`` (민원 답변서, 개조식 보고서, 보도자료) and ``biseo audit`` (the AI
audit trail). Every draft is verified, linted and recorded before it is shown."""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from pathlib import Path

from biseo.bootstrap import (
    UNSCOPED_AGENCY,
    build_services,
    export_document,
)
from biseo.config import Settings
from biseo.domain.drafting.report import OfficialDocument
from biseo.domain.errors import InvalidInput
from biseo.interfaces.errors import EXIT_OK
from biseo.services.drafting.reports import ReportKind


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    draft = commands.add_parser("draft", help="민원 답변서·개조식 보고서·보도자료 초안을 만듭니다")
    what = draft.add_subparsers(dest="what", required=True, metavar="WHAT")
    reply = what.add_parser(
        "reply", help="민원 답변서 초안 (유사 답변과 법령 조문 인용, 인용 검증, 공문서 검사)"
    )
    given = reply.add_mutually_exclusive_group(required=True)
    given.add_argument("--text", help="민원 내용")
    given.add_argument("--file", type=Path, help="민원 내용이 담긴 텍스트 파일 (- 는 표준 입력)")
    reply.add_argument("--title", default="", help="민원 제목")
    reply.add_argument(
        "--department",
        default=None,
        help="답변 부서: 그 부서의 유사 답변을 먼저 씁니다 (기본: BISEO_DEPARTMENT)",
    )
    _common(reply, "그 기관이 처리한 민원의 답변을 쓰고 감사 기록에 남깁니다")
    reply.set_defaults(handler=run_reply)
    for name, help_text in (("report", "개조식 보고서 초안 (□ ○ - ※)"), ("press", "보도자료 뼈대")):
        cmd = what.add_parser(name, help=help_text)
        cmd.add_argument("--topic", required=True, help="제목(주제)")
        cmd.add_argument("--sources", nargs="+", required=True, metavar="DOC_ID", help="근거 문서 ID")
        cmd.add_argument("--department", default=None, help="작성 부서 (기본: BISEO_DEPARTMENT)")
        cmd.add_argument("--out", type=Path, default=None, help="내보낼 파일 (.md, .docx, .hwpx)")
        _common(cmd, "보도자료 담당 표와 감사 기록에 씁니다")
        cmd.set_defaults(
            handler=run_report, kind=ReportKind.PRESS_RELEASE if name == "press" else ReportKind.REPORT
        )

    audit = commands.add_parser("audit", help="AI 산출물 감사 기록을 조회합니다 (기관별)")
    audit.add_argument(
        "--agency",
        default=None,
        help=f"기관 (기본: BISEO_AGENCY, 없으면 {UNSCOPED_AGENCY}; 다른 기관의 기록은 보이지 않습니다)",
    )
    sub = audit.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="최근 기록")
    listing.add_argument("--kind", default=None)
    listing.add_argument("--limit", type=int, default=20)
    show = sub.add_parser("show", help="기록 하나 (입력·출처·모델·검증·최종본 차이)")
    show.add_argument("id")
    final = sub.add_parser("final", help="담당자가 고친 최종본을 남깁니다 (AI 초안과의 차이로 저장)")
    final.add_argument("id")
    final.add_argument("--file", type=Path, required=True)
    audit.set_defaults(handler=run_audit)


def _common(cmd: argparse.ArgumentParser, agency_help: str) -> None:
    cmd.add_argument("--agency", default=None, help=f"작성 기관: {agency_help} (기본: BISEO_AGENCY)")
    cmd.add_argument("--json", action="store_true")


def scope(args: argparse.Namespace, settings: Settings) -> tuple[str | None, str | None]:
    """The agency and unit to draft as: the options, else BISEO_AGENCY / BISEO_DEPARTMENT."""
    agency = (args.agency if args.agency is not None else settings.agency).strip()
    department = (args.department if args.department is not None else settings.department).strip()
    return agency or None, department or None


def defaults_epilog(settings: Settings | None) -> str:
    """What ``biseo --help`` says about the drafting defaults (with their values when known)."""
    rows = [
        ("BISEO_AGENCY", "초안·요약·감사 기록의 기관 (--agency 가 우선)", "agency"),
        ("BISEO_DEPARTMENT", "답변·작성 부서 (--department 가 우선)", "department"),
        ("BISEO_PAST_ANSWERS", "유사 답변을 찾을 민원 CSV 파일 (: 로 구분)", "past_answers"),
        ("BISEO_LLM_URL", "LLM 주소 (비우면 LLM 없이 템플릿·추출 모드)", "llm_url"),
    ]
    lines = ["초안 기본값 (환경변수 또는 $BISEO_HOME/biseo.toml; 전체 목록은 docs/settings.md):"]
    for env, meaning, key in rows:
        lines.append(f"  {env:<19} {meaning}")
        if settings is not None:
            value = re.sub(r"//[^/@]*@", "//…@", str(getattr(settings, key)))  # no credentials in URLs
            lines.append(f"  {'':<19} 현재: {value or '(없음)'}")
    lines.append(
        f"기관이 없으면 처리한 민원의 답변은 쓰지 않고, 감사 기록은 기관 {UNSCOPED_AGENCY}로 남습니다."
    )
    return "\n".join(lines)


def _read(path: Path) -> str:
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"{path}: {exc}", message_ko="파일을 읽을 수 없습니다 (UTF-8 텍스트여야 합니다)."
        ) from exc


def run_reply(args: argparse.Namespace) -> int:
    content = args.text if args.text is not None else _read(args.file)
    with build_services() as services:
        agency, department = scope(args, services.settings)
        draft, record_id = services.drafting.draft_reply(
            agency, f"cli:{getpass.getuser()}", args.title, content, department
        )
        basis = services.drafting.reply_basis(agency, draft)
    print(f"작성 기관: {agency or '(지정 안 됨)'} · 부서: {department or '(지정 안 됨)'}", file=sys.stderr)
    for line in basis:
        print(f"※ {line}", file=sys.stderr)
    if args.json:
        print(json.dumps({**draft.to_json(), "basis": basis, "audit_id": record_id}, ensure_ascii=False))
        return EXIT_OK
    print(draft.text)
    print()
    print(f"※ {draft.mode}")
    for notice in draft.notices:
        print(f"※ {notice}")
    print("[자료]")
    for source in draft.sources:
        print(f"  [{source.number}] {source.label}")
    verified = [c for c in draft.citations if c.status == "verified"]
    print(f"[인용 검증] {len(verified)}/{len(draft.citations)} 확인")
    for flagged in (c for c in draft.citations if c.status != "verified"):
        print(f"  ! {flagged.text[:60]} — {flagged.message}")
    print(f"[공문서 검사] {'통과' if draft.lint_passed else '고칠 곳 있음'}")
    for issue in draft.lint:
        print(f"  {issue.format('초안')}")
    print(f"[감사 기록] {record_id}")
    return EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    with build_services() as services:
        agency, department = scope(args, services.settings)
        document, _, verification, record_id = services.drafting.draft_report(
            agency, f"cli:{getpass.getuser()}", args.topic, args.sources, args.kind, department
        )
    if args.out:
        _export(document, args.out)
    if args.json:
        print(
            json.dumps(
                {
                    "title": document.title,
                    "markdown": document.markdown(),
                    "mode": document.mode,
                    "verification": verification,
                    "audit_id": record_id,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(document.markdown())
        print(f"[인용 검증] {verification['verified']}/{verification['citations']} 확인")
        for flagged in verification["flagged"]:
            print(f"  ! {flagged['text']} — {flagged['message']}")
        for issue in verification["lint"]:
            print(f"  {issue['line']}:{issue['column']} {issue['message']}")
        print(f"[감사 기록] {record_id}")
    return EXIT_OK


def _export(document: OfficialDocument, out: Path) -> None:
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("md", "docx", "hwpx"):
        raise InvalidInput(
            f"unknown export format {fmt}", message_ko="내보내기 형식은 .md, .docx, .hwpx 중 하나입니다."
        )
    out.write_bytes(export_document(document, fmt))
    print(f"내보냄: {out}", file=sys.stderr)


def run_audit(args: argparse.Namespace) -> int:
    with build_services() as services:
        trail = services.audit
        agency = (args.agency or services.settings.agency).strip() or UNSCOPED_AGENCY
        if args.action == "list":
            rows = [r.headline() for r in trail.list(agency, args.kind, args.limit)]
            print(json.dumps(rows, ensure_ascii=False))
        elif args.action == "show":
            record = trail.get(agency, args.id)
            print(json.dumps(record.to_json(), ensure_ascii=False))
        else:
            final = trail.finalize(agency, f"cli:{getpass.getuser()}", args.id, _read(args.file))
            print(final.diff or "(차이 없음)")
    return EXIT_OK
