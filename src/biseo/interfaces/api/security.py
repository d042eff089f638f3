"""API keys: requests from localhost pass; any other client needs ``X-API-Key`` or ``Authorization: Bearer``."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse

_LOCAL = {"127.0.0.1", "::1", "localhost"}
_OPEN_PATHS = {"/v1/health"}


async def require_api_key(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    client = request.client.host if request.client else ""
    if client in _LOCAL or request.url.path in _OPEN_PATHS:
        return await call_next(request)
    keys = request.app.state.services.settings.api_keys
    offered = request.headers.get("x-api-key") or request.headers.get("authorization", "").removeprefix(
        "Bearer "
    )
    if keys and offered and any(hmac.compare_digest(offered, k) for k in keys):
        return await call_next(request)
    return JSONResponse(
        status_code=401,
        content={
            "error": {
                "code": "unauthorized",
                "message": "API 키가 필요합니다. 발급받은 키를 X-API-Key 헤더에 넣어 주세요.",
                "detail": "missing or invalid API key for a non-local client",
            }
        },
    )
