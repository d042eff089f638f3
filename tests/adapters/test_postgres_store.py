from __future__ import annotations

import pytest

from biseo.adapters.storage.postgres_store import PostgresDocumentStore
from tests.adapters.store_contract import DocumentStoreContract

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(postgres_dsn):
    s = PostgresDocumentStore(postgres_dsn)
    yield s
    s.close()


class TestPostgresDocumentStore(DocumentStoreContract):
    def test_dates_and_json_use_native_types(self, store, postgres_dsn):
        import psycopg

        with psycopg.connect(postgres_dsn) as raw:
            types = dict(
                raw.execute(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'documents'"
                ).fetchall()
            )
        assert types["date_effective"] == "date"
        assert types["metadata"] == "jsonb"
        assert types["ingested_at"] == "timestamp with time zone"
