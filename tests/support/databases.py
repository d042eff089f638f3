"""The one ``Database`` on SQLite and, marked ``postgres``, on the session's PostgreSQL.

``db`` runs a test on both; ``sqlite_database`` and ``postgres_database`` are the two on their own,
for the per-implementation fixture of a store contract class."""

from __future__ import annotations

import pytest


@pytest.fixture
def sqlite_database(tmp_path):
    from biseo.adapters.storage.sqlite_database import SqliteDatabase

    database = SqliteDatabase(tmp_path / "biseo.db")
    yield database
    database.close()


@pytest.fixture
def postgres_database(postgres_dsn):
    from biseo.adapters.storage.postgres_database import PostgresDatabase

    database = PostgresDatabase(postgres_dsn)
    yield database
    database.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request):
    return request.getfixturevalue(f"{request.param}_database")
