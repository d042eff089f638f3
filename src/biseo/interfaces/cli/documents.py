"""``biseo documents list|show|failures``: look at what is stored."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from biseo.bootstrap import build_services
from biseo.domain.documents.model import DocumentKind
from biseo.interfaces.errors import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("documents", help="등록된 문서를 조회합니다")
    sub = cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="문서 목록")
    listing.add_argument("--kind", choices=[k.value for k in DocumentKind])
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    show = sub.add_parser("show", help="문서 한 건과 분절")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.add_argument("--text", action="store_true", help="print the whole text too")
    show.set_defaults(handler=run_show)
    failures = sub.add_parser("failures", help="마지막 등록에 실패한 파일")
    failures.set_defaults(handler=run_failures)


def run_list(args: argparse.Namespace) -> int:
    with build_services() as services:
        kind = DocumentKind(args.kind) if args.kind else None
        rows = services.documents.summaries(kind=kind, limit=args.limit, offset=args.offset)
        total = services.documents.count(kind=kind)
    if args.json:
        print(
            json.dumps(
                {"total": total, "documents": [asdict(r) for r in rows]}, ensure_ascii=False, default=str
            )
        )
        return EXIT_OK
    print(f"문서 {total}건")
    for r in rows:
        print(f"{r.id}  {r.kind:<14} {r.format:<8} 분절 {r.segment_count:>4}  {r.title[:60]}")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    with build_services() as services:
        document = services.documents.get(args.id)
        views = services.documents.segments(args.id)
    if args.json:
        payload = {
            "document": {k: v for k, v in asdict(document).items() if k != "text" or args.text},
            "segments": [{**asdict(v.segment), "text": v.text} for v in views],
        }
        print(json.dumps(payload, ensure_ascii=False, default=str))
        return EXIT_OK
    print(
        f"{document.title}\n  id {document.id} · {document.kind} · {document.format} · {document.agency or '-'}"
    )
    print(f"  출처 {document.source}")
    for v in views:
        snippet = v.text.replace("\n", " ")[:80]
        print(f"  [{v.segment.number}] {v.segment.kind:<11} {v.segment.label[:50]} — {snippet}")
    if args.text:
        print(document.text)
    return EXIT_OK


def run_failures(args: argparse.Namespace) -> int:
    with build_services() as services:
        rows = services.documents.failures()
    for source, code, detail in rows:
        print(f"{code:<20} {source}\n    {detail}")
    print(f"실패 {len(rows)}건")
    return EXIT_OK
