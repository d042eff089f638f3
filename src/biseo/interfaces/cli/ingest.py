"""``biseo ingest PATH...``: register files (HWP, HWPX, PDF, DOCX, HTML, Markdown, text)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.interfaces.errors import EXIT_FAILURES, EXIT_OK
from biseo.services.documents.ingest import FileResult, FileStatus, IngestReport

_STATUS_KO = {
    FileStatus.ADDED: "등록",
    FileStatus.REPLACED: "갱신",
    FileStatus.UNCHANGED: "변경 없음",
    FileStatus.DUPLICATE: "중복",
    FileStatus.FAILED: "실패",
}


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("ingest", help="파일·폴더·글롭을 문서로 등록합니다 (같은 내용은 건너뜀)")
    cmd.add_argument("paths", nargs="+", metavar="PATH")
    cmd.add_argument("--force", action="store_true", help="re-parse files even if their content is unchanged")
    cmd.add_argument("--workers", type=int, default=None, help="parser processes (default: BISEO_WORKERS)")
    cmd.add_argument("--json", action="store_true", help="print one JSON object per file, then a summary")
    cmd.add_argument("--quiet", action="store_true", help="no progress bar")
    cmd.add_argument(
        "--no-index",
        action="store_true",
        help="skip updating the search index (run `biseo index sync` later)",
    )
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.load()
    if args.workers is not None:
        settings = replace(settings, workers=args.workers)
    with build_services(settings) as services:
        report = _ingest_with_progress(services.ingest, args)
        indexed = None if args.no_index else services.indexing.sync()
    _print_summary(report, as_json=args.json)
    if indexed is not None and not args.json:
        print(f"검색 색인: 추가 {indexed.added}건, 삭제 {indexed.removed}건 ({indexed.seconds:.1f}초)")
    return EXIT_OK if report.ok else EXIT_FAILURES


def _ingest_with_progress(ingest, args: argparse.Namespace) -> IngestReport:  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    total = ingest.files_to_ingest(args.paths)
    bar = tqdm(
        total=total, unit="file", disable=args.quiet or args.json or not sys.stderr.isatty(), file=sys.stderr
    )

    def on_result(result: FileResult) -> None:
        bar.update(1)
        if args.json:
            print(json.dumps(asdict(result), ensure_ascii=False), flush=True)
        elif result.status is FileStatus.FAILED:
            bar.write(f"실패: {result.source}\n      {result.message_ko}", file=sys.stderr)

    try:
        return ingest.ingest(args.paths, on_result=on_result, force=args.force)  # type: ignore[no-any-return]
    finally:
        bar.close()


def _print_summary(report: IngestReport, *, as_json: bool) -> None:
    counts = {str(s): report.count(s) for s in FileStatus}
    segments = sum(r.segments for r in report.results)
    if as_json:
        print(json.dumps({"summary": counts, "segments": segments}, ensure_ascii=False))
        return
    parts = ", ".join(f"{_STATUS_KO[s]} {report.count(s)}" for s in FileStatus)
    print(f"파일 {len(report.results)}개 처리: {parts} (새 분절 {segments}개)")
    for failure in report.failed:
        print(f"  ✗ {failure.source}: {failure.message_ko} [{failure.code}]")
