"""PostgreSQL, the production store: same schema and SQL core, psycopg 3, a connection per thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from biseo.adapters.storage.sql_store import Cursor, SqlDocumentStore


class PostgresDocumentStore(SqlDocumentStore):
    dialect = "postgres"

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
    def _transaction(self) -> Iterator[Cursor]:
        with self._write_lock, self._writer.transaction():
            yield Cursor(self._writer.cursor(), "%s")

    def _reader(self) -> Cursor:
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            connection = self._connect()
            self._local.connection = connection
        return Cursor(connection.cursor(), "%s")
