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
        """Whether ``who`` is locked out, without counting (before a sign-in). A lock taken in one
        window holds through the next as well, so a burst across a window's edge cannot double
        the tries: the lock lasts at least until the next window ends."""
        now = self.clock()
        start = limit.window_start(now)
        current = self.store.count(limit.bucket(who), start)
        previous = self.store.count(limit.bucket(who), start - limit.seconds)
        if max(current, previous) >= limit.count:
            return Decision(False, max(1, start + limit.seconds - int(now)))
        return Decision(True, 0)
