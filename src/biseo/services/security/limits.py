"""Abuse limits on the store's counters: the same count whichever server a request reached."""

from __future__ import annotations

from collections.abc import Callable

from biseo.domain.security.limits import Decision, Limit, decide
from biseo.services.security.ports import CounterStore


class RateLimiter:
    def __init__(self, store: CounterStore, clock: Callable[[], float]) -> None:
        self.store, self.clock = store, clock

    def hit(self, limit: Limit, who: str) -> Decision:
        """Count this request and decide whether it may go on."""
        now = self.clock()
        return decide(limit, self.store.hit(limit.bucket(who), limit.window_start(now)), now)

    def blocked(self, limit: Limit, who: str) -> Decision:
        """Whether ``who`` is already over the limit, without counting (e.g. before a sign-in)."""
        now = self.clock()
        count = self.store.count(limit.bucket(who), limit.window_start(now))
        return decide(limit, count + 1, now) if count >= limit.count else Decision(True, 0)
