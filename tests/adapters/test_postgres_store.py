from __future__ import annotations

import pytest

from biseo.adapters.storage.document_store import SqlDocumentStore
from biseo.adapters.storage.postgres_database import PostgresDatabase
from tests.adapters.store_contract import DocumentStoreContract

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture
def database(postgres_dsn):
    d = PostgresDatabase(postgres_dsn)
    yield d
    d.close()


@pytest.fixture
def store(database):
    return SqlDocumentStore(database)


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
