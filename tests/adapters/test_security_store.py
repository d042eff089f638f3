"""The security store contract on SQLite and PostgreSQL, and counters exact under concurrent hits."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from biseo.adapters.storage.security_store import SqlSecurityStore
from tests.adapters.security_store_contract import SecurityStoreContract

pytestmark = pytest.mark.integration


class TestSqliteSecurityStore(SecurityStoreContract):
    @pytest.fixture
    def security_store(self, sqlite_database):
        return SqlSecurityStore(sqlite_database)


@pytest.mark.postgres
class TestPostgresSecurityStore(SecurityStoreContract):
    @pytest.fixture
    def security_store(self, postgres_database):
        return SqlSecurityStore(postgres_database)

    def test_concurrent_hits_are_counted_exactly(self, security_store):
        """Servers of a cluster share the counters: 200 hits from 8 threads give 200, no two alike."""
        with ThreadPoolExecutor(max_workers=8) as pool:
            counts = list(pool.map(lambda _: security_store.hit("expensive:staff:kim", 600), range(200)))
        assert sorted(counts) == list(range(1, 201))
        assert security_store.count("expensive:staff:kim", 600) == 200
