"""``biseo summarize DOC_ID|FILE [--style 개조식|3줄]``: an extractive summary, each bullet with its source offsets."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path

from biseo.bootstrap import UNSCOPED_AGENCY, SummaryInput, build_services
from biseo.domain.drafting.summary import Style
from biseo.domain.errors import InvalidInput
from biseo.interfaces.errors import EXIT_OK
from biseo.services.drafting.records import Caller


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "summarize", help="문서를 개조식(□ ○) 또는 3줄로 요약합니다 (LLM 없이 추출 요약)"
    )
    cmd.add_argument("target", help="저장된 문서 ID 또는 파일 경로 (HWP, HWPX, PDF, DOCX, 텍스트)")
    cmd.add_argument("--style", choices=[s.value for s in Style], default=Style.OUTLINE.value)
    cmd.add_argument("--agency", default=None, help="감사 기록에 남길 기관 (기본: BISEO_AGENCY)")
    cmd.add_argument("--json", action="store_true", help="글머리마다 원문 위치(start, end)를 함께 출력")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.target)
    if path.is_file():
        try:
            given = SummaryInput(file=(path.read_bytes(), path.name))
        except OSError as exc:
            raise InvalidInput(f"{path}: {exc}", message_ko="파일을 읽을 수 없습니다.") from exc
    else:
        given = SummaryInput(document_id=args.target)
    with build_services() as services:
        agency = (args.agency or services.settings.agency).strip() or UNSCOPED_AGENCY
        caller = Caller(agency, f"cli:{getpass.getuser()}")
        summary, record_id = services.drafting.summarize(caller, given, Style(args.style))
    if args.json:
        bullets = [{"text": b.text, "start": b.start, "end": b.end} for b in summary.bullets]
        body = {"title": summary.title, "mode": summary.mode, "bullets": bullets, "audit_id": record_id}
        print(json.dumps(body, ensure_ascii=False))
    else:
        print(summary.render())
        print(f"※ {summary.mode}")
        for notice in summary.notices:
            print(f"※ {notice}")
        print(f"[감사 기록] {record_id}")
    return EXIT_OK
