"""``biseo summarize DOC_ID|FILE [--style 개조식|3줄]``: an extractive summary, each bullet with its source offsets."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path

from biseo.bootstrap import Services, build_audit, build_services, build_summaries, model_settings
from biseo.domain.drafting.summary import DETERMINISTIC_LABEL, Style, Summary
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
        services = build_services()
        try:
            summary = build_summaries(None, services.settings).summarize_file(data, path.name, style=style)
            _record(services, f"file:{path.name}", summary)
        finally:
            services.close()
    else:
        services = build_services()
        try:
            summary = build_summaries(services.store, services.settings).summarize_document(
                args.target, style=style
            )
            _record(services, f"document:{args.target}", summary)
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
        for notice in summary.notices:
            print(f"※ {notice}")
    return EXIT_OK


def _record(services: Services, source: str, summary: Summary) -> None:
    """Every AI output goes to the audit trail (agency ``local`` for the command line)."""
    build_audit(services).record(
        kind="summary",
        agency="local",
        actor=f"cli:{getpass.getuser()}",
        input_text=source,
        output_text=summary.render(),
        sources=[{"source": source}],
        model=None if summary.mode == DETERMINISTIC_LABEL else services.settings.llm_model,
        settings=model_settings(services),
        prompt=None,
        verification={
            "bullets": len(summary.bullets),
            "supported": sum(b.supported for b in summary.bullets),
        },
    )
