"""``biseo`` command line. Each subcommand lives in its own module and registers itself here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from biseo.config import SettingError, Settings
from biseo.domain.errors import BiseoError
from biseo.interfaces.cli import (
    benefits,
    citations,
    complaints,
    deadline,
    documents,
    drafting,
    ingest,
    lint,
    routing,
    search,
    security,
    serve,
    summaries,
)
from biseo.interfaces.errors import exit_code


def build_parser(settings: Settings | None = None) -> argparse.ArgumentParser:
    """``settings``: shown in ``biseo --help`` as the current drafting defaults (None: names only)."""
    parser = argparse.ArgumentParser(
        prog="biseo",
        description="비서 — 행정 지식 검색·문서 관리 도구",
        epilog=drafting.defaults_epilog(settings),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (
        ingest,
        lint,
        summaries,
        drafting,
        citations,
        documents,
        search,
        routing,
        deadline,
        complaints,
        benefits,
        security,
        serve,
    ):
        module.register(commands)
    return parser


def _current_settings() -> Settings | None:
    try:
        return Settings.load()
    except SettingError:  # reported (exit 2) by the command that reads it; --help still works
        return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser(_current_settings()).parse_args(argv)
    try:
        return int(args.handler(args))
    except BrokenPipeError:  # e.g. `biseo documents list | head`
        sys.stderr.close()
        return 0
    except BiseoError as exc:
        print(f"오류: {exc.message_ko} ({exc.code})", file=sys.stderr)
        return exit_code(exc.code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
