"""PostgreSQL, the production database: same schema and SQL, psycopg 3, a reader connection per thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from biseo.adapters.storage.database import Database


class PostgresDatabase(Database):
    dialect = "postgres"
    placeholder = "%s"

    def __init__(self, dsn: str) -> None:
        super().__init__()
        self.dsn = dsn
        self._writer = self._connect()
        self.migrate()

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - exercised only without the extra
            raise RuntimeError("PostgreSQL support needs: pip install 'biseo[postgres]'") from exc
        return self._remember(psycopg.connect(self.dsn, autocommit=True))

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._writer.transaction():  # commits on exit, rolls back on an exception
            yield self._writer.cursor()

    def _raw_reader(self) -> Any:
        connection = getattr(self._thread, "connection", None)
        if connection is None or connection.closed:
            connection = self._connect()
            self._thread.connection = connection
        return connection.cursor()
