"""The HTTP app: the JSON API (Open API), the pages, and the guards every request passes
(``guards.harden`` for headers and CSRF cookies, ``access`` rules on every route)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from biseo import __version__
from biseo.bootstrap import Services, build_services
from biseo.config import Settings
from biseo.domain.errors import BiseoError, ErrorCode, RateLimited
from biseo.interfaces.errors import HTTP_STATUS
from biseo.interfaces.http import api, system, web
from biseo.interfaces.http.access import SignInRequired, undeclared
from biseo.interfaces.http.auth import client_address
from biseo.interfaces.http.body_limit import BodyLimit
from biseo.interfaces.http.guards import harden
from biseo.interfaces.http.web.templating import templates
from biseo.services.security.ports import AccessEntry

log = logging.getLogger("biseo.api")


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    owned = services is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.services = services or build_services(settings)
        app.state.services.search.warm_up()
        _ = app.state.services.complaints  # built once here, not by racing first requests
        yield
        if owned:
            app.state.services.close()

    app = FastAPI(
        title="biseo (비서) API",
        version=__version__,
        description="행정 문서 지식베이스 Open API. 오류 응답은 {error: {code, message(한국어), detail}} 형식입니다. "
        "국민용(public) 경로는 키 없이, 공무원용(staff) 경로는 X-Staff-Key로, 이용 기관(client) 경로는 "
        "X-API-Key로 부릅니다.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    if services is not None:
        app.state.services = services
    for router in (system.router, *api.ROUTERS, *web.ROUTERS):
        app.include_router(router)
    missing = undeclared(app.routes)
    if missing:
        raise RuntimeError(f"routes without exactly one access rule: {missing}")
    app.middleware("http")(_record_access)
    app.middleware("http")(harden)
    app.add_middleware(
        BodyLimit, max_file_bytes=lambda: _max_file_bytes(app)
    )  # outermost: before anything reads
    _install_error_handlers(app)
    return app


def _max_file_bytes(app: FastAPI) -> int:
    services = getattr(app.state, "services", None)
    return services.settings.max_file_bytes if services is not None else 200 * 1024 * 1024


async def _record_access(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Requests by staff and API clients are kept under their name; refusals under the address."""
    response = await call_next(request)
    principal = str(getattr(request.state, "principal", "") or "")
    if principal.startswith(("staff:", "client:")) or response.status_code in (401, 403, 429):
        entry = AccessEntry(
            datetime.now(UTC),
            principal if principal.startswith(("staff:", "client:")) else "anonymous",
            request.method,
            request.url.path[:300],
            response.status_code,
            client_address(request),
        )
        try:
            await run_in_threadpool(request.app.state.services.access_log.add_access, entry)
        except Exception:  # the log must never turn an answer into an error
            log.exception("access log write failed")
    return response


def _error(
    status: int, code: str, message: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={"error": {"code": code, "message": message, "detail": detail}},
        headers=headers,
    )


_HTTP_MESSAGES = {
    404: "요청한 주소를 찾을 수 없습니다.",
    405: "이 주소는 그런 방식으로 부를 수 없습니다. 처음 화면에서 다시 시작해 주세요.",
}


def _wants_page(request: Request) -> bool:
    """A browser on a page (not the JSON API) gets the error as a page in Korean."""
    return not request.url.path.startswith("/v1/") and "text/html" in request.headers.get("accept", "")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BiseoError)
    async def domain_error(request: Request, exc: BiseoError) -> Response:
        if isinstance(exc, SignInRequired):
            return RedirectResponse(f"/complaints/login?next={quote(exc.path)}", status_code=303)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        status = HTTP_STATUS.get(exc.code, 400)
        if _wants_page(request):
            context = {"message": exc.message_ko}
            return templates.TemplateResponse(
                request, "error.html", context, status_code=status, headers=headers
            )
        return _error(status, str(exc.code), exc.message_ko, exc.detail, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        message = "요청 형식이 올바르지 않습니다. 입력값을 확인해 주세요."
        if _wants_page(request):
            return templates.TemplateResponse(request, "error.html", {"message": message}, status_code=422)
        return _error(422, ErrorCode.INVALID_INPUT, message, fields)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = getattr(exc, "message_ko", None) or _HTTP_MESSAGES.get(
            exc.status_code, "요청을 처리할 수 없습니다."
        )
        if _wants_page(request):
            return templates.TemplateResponse(
                request, "error.html", {"message": message}, status_code=exc.status_code
            )
        return _error(exc.status_code, "http_error", message, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(
            500,
            "internal_error",
            "서버 내부 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.",
            type(exc).__name__,
        )
