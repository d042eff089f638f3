"""The access model, declared once per route: ``dependencies=[public()]``, ``[staff()]`` or
``[client(Scope.READ)]``, each optionally with an abuse limit. The rule runs before the route:

1. a state-changing request from another site is refused; a form or upload that no header key
   authenticates must carry the CSRF token (``guards``);
2. the caller is identified for the class (staff: session or ``X-Staff-Key``; client: API key with
   the scope; public: nobody) — a staff page without a session redirects to the sign-in page;
3. the limit, if any, counts the request (per principal, or per address for citizens).

``create_app`` refuses to start when a route declares no rule; ``docs/security.md`` lists them.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.concurrency import run_in_threadpool

from biseo.domain.errors import RateLimited, Unauthenticated
from biseo.domain.security.access import Access, Rule, Scope
from biseo.domain.security.limits import Limit
from biseo.interfaces.http.auth import (
    client_address,
    current_client,
    current_staff,
)
from biseo.interfaces.http.deps import services_of
from biseo.interfaces.http.guards import SAFE_METHODS, check_csrf_token, check_origin


class SignInRequired(Unauthenticated):
    """A staff page opened without a session: the answer is the sign-in page, not a 401."""

    def __init__(self, path: str) -> None:
        super().__init__("sign-in required")
        self.path = path


class AccessRule:
    def __init__(self, rule: Rule, limit: Limit | None = None) -> None:
        self.rule, self.limit = rule, limit

    async def __call__(self, request: Request) -> None:
        unsafe = request.method not in SAFE_METHODS
        if unsafe:
            check_origin(request)
        request.state.principal = await run_in_threadpool(self._principal, request)
        if unsafe and (_is_page(request) or getattr(request.state, "via_cookie", False)):
            await check_csrf_token(request)  # a browser's form, or a call riding the session cookie
        if self.limit is not None:
            who = (
                request.state.principal if self.rule.access is not Access.PUBLIC else client_address(request)
            )
            decision = await run_in_threadpool(services_of(request).limiter.hit, self.limit, who)
            if not decision.allowed:
                raise RateLimited(
                    f"limit {self.limit.name}", decision.retry_after, message_ko=self.limit.message_ko
                )

    def _principal(self, request: Request) -> str:
        if self.rule.access is Access.PUBLIC:
            return "public"
        if self.rule.access is Access.STAFF:
            try:
                return f"staff:{current_staff(request).id}"
            except Unauthenticated:
                if not _is_page(request):
                    raise
                query = request.url.query
                raise SignInRequired(
                    request.url.path + (f"?{query}" if query else "")
                ) from None  # back here after
        assert self.rule.scope is not None
        client = current_client(request, self.rule.scope)
        return f"client:{client.name}" if client else "demo:loopback"


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith("/v1/")


def public(limit: Limit | None = None) -> Any:
    """국민 누구나 (no sign-in)."""
    return Depends(AccessRule(Rule(Access.PUBLIC), limit))


def staff(limit: Limit | None = None) -> Any:
    """공무원: a session cookie or ``X-Staff-Key``; what they may see is the service's rule."""
    return Depends(AccessRule(Rule(Access.STAFF), limit))


def client(scope: Scope, limit: Limit | None = None) -> Any:
    """API 이용 기관: a key with ``scope``."""
    return Depends(AccessRule(Rule(Access.CLIENT, scope), limit))


def rules_of(route: Any) -> list[AccessRule]:
    """The access rules a route (or a route as included under a router) declares."""
    dependant = getattr(route, "dependant", None)
    return [d.call for d in dependant.dependencies if isinstance(d.call, AccessRule)] if dependant else []


def declared_routes(routes: list[Any]) -> list[Any]:
    """Every route the app serves, as included (full path, methods, dependencies)."""
    return [c for c in iter_route_contexts(routes) if isinstance(c.original_route, APIRoute)]


def undeclared(routes: list[Any]) -> list[str]:
    """Routes with no access rule, or with more than one (``create_app`` refuses to start)."""
    found = [
        f"{','.join(sorted(c.methods or ()))} {c.path}"
        for c in declared_routes(routes)
        if len(rules_of(c)) != 1
    ]
    others = [
        getattr(c, "path", "?")
        for c in iter_route_contexts(routes)
        if not isinstance(c.original_route, APIRoute)
    ]
    return found + [f"non-API route {p}" for p in others]
