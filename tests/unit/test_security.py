"""Access classes, API clients and abuse limits against in-memory stores (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.errors import InvalidInput, NotFound
from biseo.domain.security.access import ApiClient, Scope, client_key_hash
from biseo.domain.security.limits import SIGN_IN_FAILURES, Limit, decide
from biseo.services.security.clients import ApiClients
from biseo.services.security.limits import RateLimiter
from biseo.services.security.ports import AccessEntry
from tests.adapters.security_store_contract import SecurityStoreContract

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@dataclass
class MemoryStore:
    clients_by_hash: dict[str, ApiClient] = field(default_factory=dict)
    counters: dict[str, tuple[int, int]] = field(default_factory=dict)
    log: list[AccessEntry] = field(default_factory=list)

    def add_client(self, client: ApiClient, key_hash: str) -> None:
        self.clients_by_hash[key_hash] = client

    def client_by_key(self, key_hash: str) -> ApiClient | None:
        return self.clients_by_hash.get(key_hash)

    def clients(self) -> list[ApiClient]:
        return list(self.clients_by_hash.values())

    def revoke_client(self, name: str, at: datetime) -> bool:
        hits = [h for h, c in self.clients_by_hash.items() if c.name == name and c.active]
        for h in hits:
            c = self.clients_by_hash[h]
            self.clients_by_hash[h] = ApiClient(c.name, c.scopes, c.created_at, c.last_used_at, at)
        return bool(hits)

    def touch_client(self, name: str, at: datetime) -> None:
        for h, c in self.clients_by_hash.items():
            if c.name == name:
                self.clients_by_hash[h] = ApiClient(c.name, c.scopes, c.created_at, at, c.revoked_at)

    def hit(self, bucket: str, window_start: int) -> int:
        start, count = self.counters.get(bucket, (window_start, 0))
        count = count + 1 if start == window_start else 1
        self.counters[bucket] = (window_start, count)
        return count

    def count(self, bucket: str, window_start: int) -> int:
        start, count = self.counters.get(bucket, (window_start, 0))
        return count if start == window_start else 0

    def add_access(self, entry: AccessEntry) -> None:
        self.log.append(entry)

    def accesses(self, principal: str | None, limit: int) -> list[AccessEntry]:
        return [e for e in reversed(self.log) if principal in (None, e.principal)][:limit]


class TestMemorySecurityStore(SecurityStoreContract):
    """The in-memory store these tests use keeps the SQL store's contract."""

    @pytest.fixture
    def security_store(self) -> MemoryStore:
        return MemoryStore()


def test_a_key_is_shown_once_kept_hashed_scoped_and_revocable() -> None:
    store = MemoryStore()
    clients = ApiClients(store, lambda: NOW)
    assert not clients.configured()
    key = clients.add("민원포털", [Scope.READ])
    assert key.startswith("bsk_") and client_key_hash(key) in store.clients_by_hash
    assert key not in repr(store)  # only the hash is kept
    client = clients.authenticate(key)
    assert client is not None and client.may(Scope.READ) and not client.may(Scope.INGEST)
    assert clients.list()[0].last_used_at == NOW
    assert clients.authenticate(key + "x") is None
    clients.revoke("민원포털")
    assert clients.authenticate(key) is None and not clients.configured()
    with pytest.raises(NotFound):
        clients.revoke("민원포털")


def test_names_and_scopes_are_checked() -> None:
    clients = ApiClients(MemoryStore(), lambda: NOW)
    with pytest.raises(InvalidInput):
        clients.add("bad name; drop", [Scope.READ])
    with pytest.raises(InvalidInput):
        clients.add("수집기", [])
    clients.add("수집기", [Scope.ADMIN])
    with pytest.raises(InvalidInput):
        clients.add("수집기", [Scope.READ])


def test_bootstrap_keys_hold_every_scope() -> None:
    clients = ApiClients(MemoryStore(), lambda: NOW, ("boot-key",))
    assert clients.configured()
    found = clients.authenticate("boot-key")
    assert found is not None and all(found.may(s) for s in Scope) and found.name == "BISEO_API_KEYS#1"


def test_sign_in_failures_lock_until_the_window_ends() -> None:
    now = [1_000_000.0]
    limiter = RateLimiter(MemoryStore(), lambda: now[0])
    for _ in range(SIGN_IN_FAILURES.count):
        assert limiter.blocked(SIGN_IN_FAILURES, "1.2.3.4").allowed
        limiter.hit(SIGN_IN_FAILURES, "1.2.3.4")
    locked = limiter.blocked(SIGN_IN_FAILURES, "1.2.3.4")
    assert not locked.allowed and 0 < locked.retry_after <= SIGN_IN_FAILURES.seconds
    assert limiter.blocked(SIGN_IN_FAILURES, "5.6.7.8").allowed  # per address
    now[0] += locked.retry_after  # the next window: still locked, no fresh tries at the edge
    again = limiter.blocked(SIGN_IN_FAILURES, "1.2.3.4")
    assert not again.allowed and again.retry_after == SIGN_IN_FAILURES.seconds
    now[0] += again.retry_after
    assert limiter.blocked(SIGN_IN_FAILURES, "1.2.3.4").allowed  # two windows on, free again


@given(
    count=st.integers(1, 50), seconds=st.integers(1, 7200), used=st.integers(0, 200), now=st.floats(0, 2e9)
)
def test_a_decision_allows_exactly_the_limit_and_says_when_to_retry(
    count: int, seconds: int, used: int, now: float
) -> None:
    limit = Limit("x", count, seconds, "")
    decision = decide(limit, used, now)
    assert decision.allowed == (used <= count)
    if not decision.allowed:
        assert 1 <= decision.retry_after <= seconds and limit.window_start(now) + seconds >= int(now)
