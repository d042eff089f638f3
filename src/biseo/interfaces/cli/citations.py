"""``biseo verify FILE|-``: every 조문 cited exists (and 항, and quoted text), against the stored statutes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from biseo.bootstrap import build_services
from biseo.domain.errors import InvalidInput
from biseo.interfaces.errors import EXIT_OK

EXIT_UNVERIFIED = 1


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("verify", help="글에 인용된 법령 조문이 실제로 있는지 확인합니다")
    cmd.add_argument("file", help="텍스트 파일 (- 이면 표준입력)")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"{args.file}: {exc}", message_ko="확인할 파일을 읽을 수 없습니다(UTF-8 텍스트)."
        ) from exc
    with build_services() as services:
        checks = services.citations.verify(text)
    rows = [
        {"text": c.text, "start": c.start, "end": c.end, "status": str(c.status), "message": c.message,
         "document_id": c.document_id, "segment": c.segment}
        for c in checks
    ]  # fmt: skip
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for row in rows:
            print(f"{row['start']}-{row['end']} {row['text']}: {row['message']}")
    return EXIT_OK if all(c.status == "verified" for c in checks) else EXIT_UNVERIFIED
