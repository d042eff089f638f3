"""Who is asking: API keys for programs (requests from localhost pass; any other client needs
``X-API-Key`` or ``Authorization: Bearer``) and the official named by ``X-Staff-Key`` or the signed
sign-in cookie."""

from __future__ import annotations

import hmac
import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from biseo.domain.complaints import access
from biseo.domain.complaints.access import Staff
from biseo.domain.errors import Unauthenticated
from biseo.interfaces.http.deps import services_of
from biseo.interfaces.http.staff_sessions import session_key, staff_key_hash

_LOCAL = {"127.0.0.1", "::1", "localhost"}
_OPEN_PATHS = {"/v1/health"}
STAFF_HEADER = "x-staff-key"
STAFF_COOKIE = "biseo_staff"


key_hash = access.staff_key_hash


def current_staff(request: Request) -> Staff:
    """The official named by the ``X-Staff-Key`` header (programs) or the signed sign-in cookie
    (the pages; ``staff_sessions``)."""
    services = services_of(request)
    key = request.headers.get(STAFF_HEADER)
    if key:
        hashed: str | None = key_hash(key)
    else:
        cookie = request.cookies.get(STAFF_COOKIE) or ""
        hashed = staff_key_hash(session_key(services.installation_secret), cookie, time.time())
    staff = services.complaints.staff_for_key(hashed) if hashed else None
    if staff is None:
        raise Unauthenticated("missing or unknown staff key")
    return staff


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
