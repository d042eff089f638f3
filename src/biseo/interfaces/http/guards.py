"""Web hardening that every response and every state-changing request goes through.

- **Headers**: a Content-Security-Policy with no inline script or style (pages load ``/static``
  files only), ``frame-ancestors 'none'``, nosniff, a same-origin referrer policy, and HSTS when the
  request came over HTTPS (directly or through a trusted proxy).
- **Origin**: a state-changing request whose ``Origin`` (or, without one, ``Referer``) names another
  site is refused, whoever sent it.
- **CSRF token**: a form or upload that is not authenticated by a header key carries ``csrf_token``
  (or the ``X-CSRF-Token`` header): an HMAC of the browser's random ``biseo_csrf`` cookie under a
  key derived from the installation secret. JSON bodies and methods other than POST are exempt: no
  cross-site page can send them without a CORS preflight, which biseo never grants.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import Request, Response

from biseo.domain.errors import Forbidden
from biseo.interfaces.http.deps import services_of

CSRF_COOKIE = "biseo_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
_HEADERS = {
    "content-security-policy": CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}


def _token_key(request: Request) -> bytes:
    return hmac.new(services_of(request).installation_secret, b"biseo csrf", hashlib.sha256).digest()


def csrf_token(request: Request) -> str:
    """The token a page's forms carry (a template global)."""
    cookie = getattr(request.state, "csrf_cookie", None) or request.cookies.get(CSRF_COOKIE, "")
    return hmac.new(_token_key(request), cookie.encode(), hashlib.sha256).hexdigest()


def own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"


def check_origin(request: Request) -> None:
    """A state-changing request from another site is refused (``Origin: null`` included)."""
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer")
        if not referer:
            return
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    allowed = {own_origin(request)}
    public_url = services_of(request).settings.public_url
    if public_url:
        parts = urlsplit(public_url)
        allowed.add(f"{parts.scheme}://{parts.netloc}")
    if origin not in allowed:
        raise Forbidden(f"cross-site {request.method} from {origin[:80]}", message_ko=_CROSS_SITE)


_SIMPLE_TYPES = ("", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain")


async def check_csrf_token(request: Request) -> None:
    """Only what a cross-site page can send without a CORS preflight needs the token: a POST of a
    form, an upload or plain text (other methods and JSON bodies are always preflighted)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method != "POST" or kind not in _SIMPLE_TYPES:
        return
    offered = request.headers.get(CSRF_HEADER, "")
    if not offered and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        offered = value if isinstance(value, str) else ""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not offered or not hmac.compare_digest(offered, csrf_token(request)):
        raise Forbidden("missing or wrong CSRF token", message_ko=_STALE_FORM)


async def harden(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Middleware: a CSRF cookie for every browser, the security headers on every response."""
    new_cookie = None
    if not request.cookies.get(CSRF_COOKIE):
        new_cookie = secrets.token_hex(16)
        request.state.csrf_cookie = new_cookie
    response = await call_next(request)
    for name, value in _HEADERS.items():
        response.headers.setdefault(name, value)
    https = request.url.scheme == "https"
    if https:
        response.headers.setdefault("strict-transport-security", "max-age=31536000; includeSubDomains")
    if new_cookie is not None:
        response.set_cookie(CSRF_COOKIE, new_cookie, httponly=True, samesite="strict", secure=https)
    return response


_CROSS_SITE = "다른 사이트에서 보낸 요청은 받지 않습니다. biseo 화면에서 다시 시도해 주세요."
_STALE_FORM = "화면이 오래되었거나 보안 확인값이 없습니다. 화면을 새로 고친 뒤 다시 보내 주세요."
