"""Who is asking: the official named by ``X-Staff-Key`` (programs) or the signed sign-in cookie
(pages), and the API client named by ``X-API-Key`` or ``Authorization: Bearer``. Nothing is
trusted by the address a request comes from, except that with no API key configured at all the
client routes answer direct loopback requests (the one-machine demo)."""

from __future__ import annotations

import dataclasses
import time

from fastapi import Request

from biseo.domain.complaints import access
from biseo.domain.complaints.access import Staff
from biseo.domain.errors import Forbidden, RateLimited, Unauthenticated
from biseo.domain.security.access import ApiClient, Scope
from biseo.domain.security.limits import SIGN_IN_FAILURES, Limit
from biseo.interfaces.http.deps import services_of
from biseo.interfaces.http.staff_sessions import session_key, staff_key_hash

STAFF_HEADER = "x-staff-key"
STAFF_COOKIE = "biseo_staff"
CLIENT_HEADER = "x-api-key"
_LOOPBACK = {"127.0.0.1", "::1"}
_LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "testserver"}  # testserver: the test client
_FORWARDING = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")

key_hash = access.staff_key_hash


def client_address(request: Request) -> str:
    """The caller's address (the real client behind a trusted proxy: ``BISEO_TRUSTED_PROXIES``)."""
    return request.client.host if request.client else "unknown"


def offered_client_key(request: Request) -> str:
    bearer = request.headers.get("authorization", "")
    return request.headers.get(CLIENT_HEADER) or (bearer[7:] if bearer[:7].lower() == "bearer " else "")


def direct_loopback(request: Request) -> bool:
    """A request from this machine that no proxy forwarded, addressed to this machine by name (a
    page on another site whose name points at 127.0.0.1 — DNS rebinding — sends its own name)."""
    host = _host_name(request)
    return (
        client_address(request) in _LOOPBACK
        and not any(h in request.headers for h in _FORWARDING)
        and (host in _LOOPBACK_NAMES or host.startswith("127."))
    )


def _host_name(request: Request) -> str:
    host = request.headers.get("host", "").lower()
    if host.startswith("["):  # [::1]:8000
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def current_staff(request: Request) -> Staff:
    """The official named by the ``X-Staff-Key`` header or the signed sign-in cookie
    (``staff_sessions``); a wrong header key counts as a failed sign-in of the caller's address."""
    known: Staff | None = getattr(request.state, "staff", None)
    if known is not None:
        return known
    services = services_of(request)
    key = request.headers.get(STAFF_HEADER)
    if key:
        _refuse_if_locked(request)
        staff = services.complaints.staff_for_key(key_hash(key))
        if staff is None:
            services.limiter.hit(sign_in_limit(request), client_address(request))
    else:
        cookie = request.cookies.get(STAFF_COOKIE) or ""
        hashed = staff_key_hash(session_key(services.installation_secret), cookie, time.time())
        staff = services.complaints.staff_for_key(hashed) if hashed else None
        request.state.via_cookie = staff is not None  # a browser's session: its forms need the token
    if staff is None:
        raise Unauthenticated("missing or unknown staff key")
    request.state.staff = staff
    return staff


def current_client(request: Request, scope: Scope) -> ApiClient | None:
    """The API client allowed ``scope``; None for a direct loopback request while no key exists."""
    services = services_of(request)
    key = offered_client_key(request)
    if not key:
        if direct_loopback(request) and not services.api_clients.configured():
            return None
        raise Unauthenticated(
            "missing API key", message_ko="API 키가 필요합니다. 발급받은 키를 X-API-Key 헤더에 넣어 주세요."
        )
    _refuse_if_locked(request)
    client = services.api_clients.authenticate(key)
    if client is None:
        services.limiter.hit(sign_in_limit(request), client_address(request))
        raise Unauthenticated(
            "unknown or revoked API key", message_ko="API 키가 올바르지 않거나 폐기되었습니다."
        )
    if not client.may(scope):
        raise Forbidden(
            f"client {client.name} lacks scope {scope}",
            message_ko=f"이 API 키에는 '{scope}' 권한이 없습니다.",
        )
    return client


def locked_message(retry_after: int) -> str:
    minutes = max(1, -(-retry_after // 60))
    return f"로그인 실패가 많아 잠시 잠겼습니다. {minutes}분 뒤에 다시 시도해 주세요."


def sign_in_limit(request: Request) -> Limit:
    """Failed sign-ins per address (``BISEO_SIGN_IN_ATTEMPTS`` in 15 minutes)."""
    return dataclasses.replace(SIGN_IN_FAILURES, count=services_of(request).settings.sign_in_attempts)


def _refuse_if_locked(request: Request) -> None:
    decision = services_of(request).limiter.blocked(sign_in_limit(request), client_address(request))
    if not decision.allowed:
        raise RateLimited(
            "too many failed sign-ins", decision.retry_after, message_ko=SIGN_IN_FAILURES.message_ko
        )
