"""The security store contract (API clients, abuse-limit counters, request log): the SQL store on
SQLite and PostgreSQL and the in-memory one in ``tests/unit/test_security.py`` behave alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from biseo.domain.security.access import ApiClient, Scope
from biseo.services.security.ports import AccessEntry

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class SecurityStoreContract:
    def test_clients_are_found_by_key_hash_touched_and_revoked(self, security_store):
        store = security_store
        store.add_client(ApiClient("민원포털", frozenset({Scope.READ, Scope.INGEST}), T0), "hash-1")
        found = store.client_by_key("hash-1")
        assert found is not None and found.name == "민원포털" and found.scopes == {Scope.READ, Scope.INGEST}
        assert store.client_by_key("hash-2") is None
        store.touch_client("민원포털", T0 + timedelta(minutes=5))
        assert store.clients()[0].last_used_at == T0 + timedelta(minutes=5)
        assert store.revoke_client("민원포털", T0 + timedelta(hours=1))
        assert not store.revoke_client("민원포털", T0 + timedelta(hours=2))  # once
        revoked = store.client_by_key("hash-1")
        assert revoked is not None and not revoked.active and not revoked.may(Scope.READ)

    def test_a_counter_counts_within_its_window_and_starts_again_after(self, security_store):
        store = security_store
        assert [store.hit("sign_in:1.2.3.4", 900) for _ in range(3)] == [1, 2, 3]
        assert store.count("sign_in:1.2.3.4", 900) == 3
        assert store.count("sign_in:5.6.7.8", 900) == 0
        assert store.hit("sign_in:1.2.3.4", 1800) == 1  # the next window
        assert store.count("sign_in:1.2.3.4", 900) == 0

    def test_the_request_log_is_kept_by_principal_newest_first(self, security_store):
        store = security_store
        for i, path in enumerate(("/v1/search", "/v1/documents")):
            store.add_access(
                AccessEntry(T0 + timedelta(seconds=i), "client:포털", "GET", path, 200, "10.0.0.1")
            )
        store.add_access(AccessEntry(T0, "anonymous", "POST", "/complaints/login", 401, "10.0.0.9"))
        assert [e.path for e in store.accesses("client:포털", 10)] == ["/v1/documents", "/v1/search"]
        assert len(store.accesses(None, 10)) == 3
