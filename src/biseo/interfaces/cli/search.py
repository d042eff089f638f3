"""``biseo search``, ``biseo index sync|rebuild|status`` and ``biseo eval search``."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path

from biseo.bootstrap import Services, build_reply_evaluation, build_search_evaluation, build_services
from biseo.config import Settings
from biseo.domain.documents.model import DocumentKind
from biseo.domain.errors import InvalidInput
from biseo.domain.search.query import MAX_LIMIT, SearchFilters, SearchQuery
from biseo.interfaces.cli import routing
from biseo.interfaces.errors import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    search = commands.add_parser("search", help="법령·판례·보도자료를 검색합니다")
    search.add_argument("query")
    search.add_argument("--kind", choices=[k.value for k in DocumentKind])
    search.add_argument("--agency", help="소관부처·기관 (exact name)")
    search.add_argument("--law", help="law name, e.g. 민원처리법 (restricts to that Act)")
    search.add_argument("--from", dest="date_from", type=date.fromisoformat, help="YYYY-MM-DD")
    search.add_argument("--to", dest="date_to", type=date.fromisoformat, help="YYYY-MM-DD")
    search.add_argument("--limit", type=int, default=10, help=f"1..{MAX_LIMIT}")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=run_search)

    index = commands.add_parser("index", help="검색 색인을 저장소와 맞춥니다")
    index.add_argument("action", choices=["sync", "rebuild", "status"])
    index.set_defaults(handler=run_index)

    evaluate = commands.add_parser("eval", help="품질 평가")
    what = evaluate.add_subparsers(dest="what", required=True, metavar="WHAT")
    _register_eval_search(what)
    routing.register_eval(what)
    _register_eval_drafting(what)


def _register_eval_search(what: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ev = what.add_parser("search", help="판례 인용 조문으로 검색 품질을 잽니다 (baseline: whitespace BM25)")
    ev.add_argument("--labels", type=Path, required=True, help="JSONL: {precedent, cited: [{law, article}]}")
    ev.add_argument("--precedents", type=Path, required=True)
    ev.add_argument("--laws", type=Path, required=True)
    ev.add_argument("--query-field", choices=["판시사항", "판결요지"], default="판시사항")
    ev.add_argument("--limit", type=int, default=None, help="use only the first N labelled precedents")
    ev.add_argument(
        "--dense",
        action="store_true",
        help="fuse dense retrieval (BISEO_DENSE, or local e5) and report biseo's lexical-only ranking too",
    )
    ev.set_defaults(handler=run_eval_search)


def _register_eval_drafting(what: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    summ = what.add_parser(
        "summarize", help="판례내용 요약을 판결요지와 비교합니다 (ROUGE, baseline: 앞 문장)"
    )
    corpus = summ.add_mutually_exclusive_group(required=True)
    corpus.add_argument("--precedents", type=Path, help="판례 Markdown: 판례내용 vs 판결요지")
    corpus.add_argument("--press", type=Path, help="보도자료 HWP/HWPX: 본문 vs 제목과 부제")
    summ.add_argument("--limit", type=int, default=None)
    summ.set_defaults(handler=run_eval_summarize)
    reply = what.add_parser(
        "reply",
        help="민원마다 답변 초안을 만들어 인용 타당성·공문서 검사·개인정보 유출·ROUGE-L을 잽니다 (baseline: 가장 비슷한 과거 답변)",
    )
    reply.add_argument(
        "--complaints", type=Path, required=True, help="CSV: id, title, content, answer, department"
    )
    reply.add_argument("--limit", type=int, default=None)
    reply.set_defaults(handler=run_eval_reply)
    pii = what.add_parser("pii", help="개인정보 탐지의 유형별 정밀도·재현율 (baseline: ko-pii 단독)")
    pii.add_argument(
        "--file", type=Path, required=True, help="JSONL: {text, spans: [{kind, start, end, text}]}"
    )
    pii.set_defaults(handler=run_eval_pii)


def run_search(args: argparse.Namespace) -> int:
    with build_services() as services:
        law = services.search.law_key(args.law) if args.law else None
        filters = SearchFilters(args.kind, args.agency, law, args.date_from, args.date_to)
        response = services.search.search(SearchQuery(args.query, filters, args.limit))
    if args.json:
        print(json.dumps(asdict(response), ensure_ascii=False, default=str))
        return EXIT_OK
    if response.notice:
        print(response.notice)
    for rank, hit in enumerate(response.hits, start=1):
        mark = " [조문 직접 지정]" if hit.exact else ""
        print(
            f"{rank:>2}. {hit.label}{mark}\n    {hit.kind} · {hit.agency or '-'} · {hit.date or '-'} · {hit.document_id}/{hit.number}"
        )
        print(f"    {hit.snippet}")
    if not response.hits and not response.notice:
        print("검색 결과가 없습니다.")
    return EXIT_OK


def run_index(args: argparse.Namespace) -> int:
    with build_services() as services:
        if args.action == "status":
            _print_status(services)
            return EXIT_OK
        report = (
            services.indexing.rebuild() if args.action == "rebuild" else services.indexing.sync(_progress)
        )
    print(
        f"색인: 추가 {report.added}건, 삭제 {report.removed}건, 분절 {report.segments}개, "
        f"새로 임베딩 {report.embedded}개 ({report.seconds:.1f}초)"
    )
    return EXIT_OK


def _print_status(services: Services) -> None:
    index = services.indexing.index
    indexed = len(index.indexed_documents())
    print(f"저장 문서 {services.documents.count()}건, 색인 문서 {indexed}건, 색인 분절 {index.count()}개")
    missing, broken = services.indexing.lag()
    if broken:
        print(f"색인을 열 수 없습니다: {broken}\n→ 'biseo index rebuild'로 저장소에서 다시 만드십시오.")
    elif missing:
        print(f"색인이 저장소보다 {missing}건 뒤처져 있습니다 → 'biseo index sync'를 실행하십시오.")
    dense = services.indexing.dense
    if dense is None:
        print("의미 검색(dense): 꺼짐 (BISEO_DENSE=off)")
    else:
        print(
            f"의미 검색(dense): {dense.embedder.name}, 벡터 문서 {len(dense.index.indexed_documents())}건, "
            f"벡터 {dense.index.count()}개"
        )


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r색인 중 {done}/{total}", end="", file=sys.stderr, flush=True)


def run_eval_search(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="biseo-eval-") as work:
        evaluation, services = build_search_evaluation(Settings.load(), Path(work), dense=args.dense)
        try:
            result = evaluation.run(
                args.labels, args.precedents, args.laws, query_field=args.query_field, limit=args.limit
            )
        finally:
            services.close()
            evaluation.biseo.indexing.cache.close()
            evaluation.baseline.indexing.cache.close()
            if evaluation.biseo.indexing.dense is not None:
                evaluation.biseo.indexing.dense.cache.close()
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK


def run_eval_pii(args: argparse.Namespace) -> int:
    from biseo.bootstrap import build_pii_evaluation

    print(json.dumps(build_pii_evaluation(args.file), ensure_ascii=False))
    return EXIT_OK


def run_eval_summarize(args: argparse.Namespace) -> int:
    from biseo.bootstrap import build_summary_evaluation

    if args.press is not None:
        result = build_summary_evaluation(args.press, args.limit, press=True)
    else:
        result = build_summary_evaluation(args.precedents, args.limit)
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK


def run_eval_reply(args: argparse.Namespace) -> int:
    """Statutes come from the configured store (``biseo demo`` or ``biseo ingest`` them first)."""
    if not args.complaints.is_file():
        raise InvalidInput(f"{args.complaints} is not a file", message_ko="민원 CSV 파일을 찾을 수 없습니다.")
    with build_services() as services:
        result = build_reply_evaluation(
            services.settings, services.search, services.store, args.complaints, args.limit
        )
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK
