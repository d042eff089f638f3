"""``biseo serve`` (the API) and ``biseo demo`` (ingest the shipped demo corpus, then serve)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from biseo.config import Settings
from biseo.domain.errors import InvalidInput
from biseo.interfaces.errors import EXIT_FAILURES, EXIT_OK

DEMO_CORPUS = Path("demo/corpus")
_LOOPBACK_HOSTS = {"localhost", "::1", "[::1]"}
_MIN_KEY_CHARS = 16


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
    if args.workers < 1:
        raise InvalidInput(
            f"--workers must be at least 1, not {args.workers}", message_ko="--workers는 1 이상이어야 합니다."
        )
    _refuse_an_open_api(settings)
    host, port = settings.host, settings.port
    proxies = ",".join(settings.trusted_proxies)  # only these may name the real client and scheme
    level = settings.log_level.lower()
    print(f"biseo API: http://{host}:{port}/  (OpenAPI: /docs)", file=sys.stderr)
    several = args.workers > 1  # each worker process builds its own app from the factory
    uvicorn.run(
        "biseo.interfaces.http.app:create_app" if several else create_app(settings),
        factory=several,
        workers=args.workers if several else None,
        host=host,
        port=port,
        log_level=level,
        access_log=False,
        server_header=False,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or "",
    )
    return EXIT_OK


def _refuse_an_open_api(settings: Settings) -> None:
    """With no API key the client routes trust direct loopback requests (the demo): that must not
    face a network."""
    if settings.host in _LOOPBACK_HOSTS or settings.host.startswith("127."):
        return
    if any(len(key) < _MIN_KEY_CHARS for key in settings.api_keys):
        raise InvalidInput(
            f"refusing to serve on {settings.host}: BISEO_API_KEYS holds a key shorter than {_MIN_KEY_CHARS} "
            "characters (guessable); use 'biseo keys add NAME --scope read' for random keys",
            message_ko=f"BISEO_API_KEYS에 {_MIN_KEY_CHARS}자보다 짧은(추측하기 쉬운) 키가 있어 {settings.host}에서는 "
            "시작하지 않습니다. 'biseo keys add 이름 --scope read'로 무작위 키를 만드십시오.",
        )
    from biseo.bootstrap import api_keys_configured

    if not api_keys_configured(settings):
        raise InvalidInput(
            f"refusing to serve on {settings.host} with no API key: set BISEO_API_KEYS or run "
            "'biseo keys add NAME --scope read' first",
            message_ko=f"API 키가 하나도 없어 {settings.host}에서는 서버를 시작하지 않습니다. "
            "'biseo keys add 이름 --scope read'로 키를 만들거나 BISEO_API_KEYS를 설정한 뒤 다시 실행해 주세요.",
        )


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
