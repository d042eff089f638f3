"""``biseo summarize DOC_ID|FILE [--style 개조식|3줄]``: an extractive summary, each bullet with its source offsets."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from biseo.bootstrap import build_services, build_summaries
from biseo.domain.drafting.summary import Style
from biseo.domain.errors import InvalidInput
from biseo.interfaces.errors import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "summarize", help="문서를 개조식(□ ○) 또는 3줄로 요약합니다 (LLM 없이 추출 요약)"
    )
    cmd.add_argument("target", help="저장된 문서 ID 또는 파일 경로 (HWP, HWPX, PDF, DOCX, 텍스트)")
    cmd.add_argument("--style", choices=[s.value for s in Style], default=Style.OUTLINE.value)
    cmd.add_argument("--json", action="store_true", help="글머리마다 원문 위치(start, end)를 함께 출력")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    style = Style(args.style)
    path = Path(args.target)
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"{path}: {exc}", message_ko="파일을 읽을 수 없습니다.") from exc
        summary = build_summaries().summarize_file(data, path.name, style=style)
    else:
        services = build_services()
        try:
            summary = build_summaries(services.store).summarize_document(args.target, style=style)
        finally:
            services.close()
    if args.json:
        bullets = [{"text": b.text, "start": b.start, "end": b.end} for b in summary.bullets]
        print(
            json.dumps({"title": summary.title, "mode": summary.mode, "bullets": bullets}, ensure_ascii=False)
        )
    else:
        print(summary.render())
        print(f"※ {summary.mode}")
    return EXIT_OK
