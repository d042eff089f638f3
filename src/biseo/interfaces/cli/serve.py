"""``biseo serve`` (the API) and ``biseo demo`` (ingest the shipped demo corpus, then serve)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from biseo.config import Settings
from biseo.interfaces.errors import EXIT_FAILURES, EXIT_OK

DEMO_CORPUS = Path("demo/corpus")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = commands.add_parser("serve", help="API 서버를 띄웁니다 (기본 127.0.0.1:8000)")
    _server_options(serve)
    serve.set_defaults(handler=run_serve)
    demo = commands.add_parser("demo", help="저장소의 시연 자료를 등록하고 API 서버를 띄웁니다")
    demo.add_argument(
        "--corpus", type=Path, default=DEMO_CORPUS, help="folder of demo documents (default: ./demo/corpus)"
    )
    demo.add_argument("--no-serve", action="store_true", help="only ingest the demo corpus")
    _server_options(demo)
    demo.set_defaults(handler=run_demo)


def _server_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--host", default=None, help="listen address (default: BISEO_HOST)")
    cmd.add_argument("--port", type=int, default=None, help="port (default: BISEO_PORT)")
    cmd.add_argument("--workers", type=int, default=1, help="server processes (each loads its own analyzer)")


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from biseo.interfaces.http.app import create_app

    settings = Settings.load(host=args.host, port=args.port)  # options win and are range-checked too
    host, port = settings.host, settings.port
    print(f"biseo API: http://{host}:{port}/  (OpenAPI: /docs)", file=sys.stderr)
    if args.workers > 1:
        uvicorn.run(
            "biseo.interfaces.http.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=args.workers,
            log_level=settings.log_level.lower(),
            access_log=False,
        )
    else:
        uvicorn.run(
            create_app(settings), host=host, port=port, log_level=settings.log_level.lower(), access_log=False
        )
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from biseo.bootstrap import build_services

    if not args.corpus.is_dir():
        print(
            f"오류: 시연 자료 폴더가 없습니다: {args.corpus} (저장소 최상위에서 실행해 주세요)",
            file=sys.stderr,
        )
        return EXIT_FAILURES
    with build_services() as services:
        report = services.ingest.ingest([str(args.corpus)])
        services.indexing.sync()
        stored = services.documents.count()
    added = len(report.results) - len(report.failed)
    print(f"시연 자료 {added}개 확인, 저장된 문서 {stored}건 (실패 {len(report.failed)}건)", file=sys.stderr)
    if args.no_serve:
        return EXIT_OK if report.ok else EXIT_FAILURES
    return run_serve(args)
