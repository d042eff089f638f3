"""The HTTP API (Open API): documents now; search, drafting and 민원 routes join as they are built."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from biseo import __version__
from biseo.bootstrap import Services, build_services
from biseo.config import Settings
from biseo.domain.errors import BiseoError, ErrorCode
from biseo.interfaces.errors import HTTP_STATUS
from biseo.interfaces.http import api, web
from biseo.interfaces.http.auth import require_api_key

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
        description="행정 문서 지식베이스 Open API. 오류 응답은 {error: {code, message(한국어), detail}} 형식입니다.",
        lifespan=lifespan,
    )
    if services is not None:
        app.state.services = services
    app.middleware("http")(require_api_key)

    @app.get("/v1/health", tags=["system"])
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    for router in (*api.ROUTERS, *web.ROUTERS):
        app.include_router(router)
    _install_error_handlers(app)
    return app


def _error(status: int, code: str, message: str, detail: str) -> JSONResponse:
    return JSONResponse(
        status_code=status, content={"error": {"code": code, "message": message, "detail": detail}}
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BiseoError)
    async def domain_error(request: Request, exc: BiseoError) -> JSONResponse:
        return _error(HTTP_STATUS.get(exc.code, 400), str(exc.code), exc.message_ko, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _error(
            422, ErrorCode.INVALID_INPUT, "요청 형식이 올바르지 않습니다. 입력값을 확인해 주세요.", fields
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = (
            "요청한 주소를 찾을 수 없습니다." if exc.status_code == 404 else "요청을 처리할 수 없습니다."
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
