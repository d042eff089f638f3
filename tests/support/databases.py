"""The SQL store on SQLite and, marked ``postgres``, on the session's PostgreSQL: one fixture for the
conformance tests of every store built on it."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request, tmp_path):
    if request.param == "sqlite":
        from biseo.adapters.storage.sqlite_store import SqliteDocumentStore

        store = SqliteDocumentStore(tmp_path / "biseo.db")
    else:
        from biseo.adapters.storage.postgres_store import PostgresDocumentStore

        store = PostgresDocumentStore(request.getfixturevalue("postgres_dsn"))
    store.migrate()
    yield store
    store.close()
