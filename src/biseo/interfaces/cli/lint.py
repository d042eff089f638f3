"""``biseo lint FILE|-``: 공문서 form (항목 기호, 끝., 날짜·시각·금액 표기, 붙임) with line:column messages."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from biseo.domain.drafting.lint import Severity, lint
from biseo.domain.errors import InvalidInput
from biseo.interfaces.errors import EXIT_OK

EXIT_LINT_ERRORS = 1


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser(
        "lint", help="공문서 작성 형식을 검사합니다 (항목 기호, 끝., 날짜·금액 표기, 붙임)"
    )
    cmd.add_argument("file", help="텍스트 파일 (- 이면 표준입력)")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"{args.file}: {exc}", message_ko="검사할 파일을 읽을 수 없습니다(UTF-8 텍스트)."
        ) from exc
    issues = lint(text)
    if args.json:
        print(json.dumps([asdict(i) for i in issues], ensure_ascii=False))
    else:
        for issue in issues:
            print(issue.format(args.file))
        errors = sum(i.severity is Severity.ERROR for i in issues)
        print(f"오류 {errors}건, 권고 {len(issues) - errors}건", file=sys.stderr)
    return EXIT_LINT_ERRORS if any(i.severity is Severity.ERROR for i in issues) else EXIT_OK
