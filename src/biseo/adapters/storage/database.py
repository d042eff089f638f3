"""The one database object every SQL store takes: connections, the unit of work, migrations.

A store never opens a connection of its own and never reaches into another store: it asks the
``Database`` for a ``unit_of_work()`` to write and for ``reader()`` to read. The dialects
(``SqliteDatabase``, ``PostgresDatabase``) supply only how a connection opens and how a
transaction begins, commits and rolls back on the one writer connection.
"""

from __future__ import annotations

import contextlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ClassVar

from biseo.adapters.storage.codecs import utc_now
from biseo.adapters.storage.migrations import MIGRATIONS
from biseo.adapters.storage.unit_of_work import Cursor, open_unit


class Database(ABC):
    """One database of an installation: one writer at a time, a reader connection per thread.

    ``unit_of_work()`` is the only way to write: one transaction on the writer connection,
    committed once when the block ends normally and rolled back entirely on any exception (a
    version conflict leaves neither an attachment nor an event behind). Opened again on the same
    thread while one is open, it joins that one under a savepoint, so a use case can write through
    several stores in one transaction. ``reader()`` inside an open unit reads through it (its own
    writes are visible); outside, through the thread's reader connection.
    """

    dialect: ClassVar[str]
    placeholder: ClassVar[str]

    def __init__(self) -> None:
        self._write_lock = threading.Lock()  # one writer per process
        self._thread = threading.local()  # the thread's reader connection and open unit
        self._all_connections: list[Any] = []
        self._registry_lock = threading.Lock()

    # --- dialect hooks ---------------------------------------------------------------
    @abstractmethod
    def _connect(self) -> Any:
        """A new connection, remembered for ``close``."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """BEGIN on the writer connection; COMMIT on normal exit, ROLLBACK on an exception; yields
        the raw cursor the statements run on."""

    @abstractmethod
    def _raw_reader(self) -> Any:
        """The thread's reader cursor (its connection opened on first use)."""

    # --- the unit of work ------------------------------------------------------------
    @contextmanager
    def unit_of_work(self) -> Iterator[Cursor]:
        """One transaction: every statement of a multi-statement write runs in it, or none stays."""
        with open_unit(self._thread, self._begin) as cursor:
            yield cursor

    @contextmanager
    def _begin(self) -> Iterator[Cursor]:
        with self._write_lock, self._transaction() as raw:
            yield Cursor(raw, self.placeholder)

    def reader(self) -> Cursor:
        open_cursor: Cursor | None = getattr(self._thread, "unit", None)
        return open_cursor if open_cursor is not None else Cursor(self._raw_reader(), self.placeholder)

    # --- migrations ------------------------------------------------------------------
    def migrate(self, target: str | None = None) -> list[str]:
        """Apply pending migrations in order, each in its own unit of work, up to and including
        ``target``; return the names applied."""
        applied_now: list[str] = []
        with self.unit_of_work() as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        for migration in MIGRATIONS:
            with self.unit_of_work() as cur:
                if cur.one("SELECT name FROM schema_migrations WHERE name = ?", (migration.name,)):
                    if migration.name == target:
                        break
                    continue
                for statement in migration.statements(self.dialect):
                    cur.execute(statement)
                cur.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                    (migration.name, utc_now()),
                )
            applied_now.append(migration.name)
            if migration.name == target:
                break
        return applied_now

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.reader().all("SELECT name FROM schema_migrations ORDER BY name")]

    # --- connections -----------------------------------------------------------------
    def _remember(self, connection: Any) -> Any:
        with self._registry_lock:
            self._all_connections.append(connection)
        return connection

    def close(self) -> None:
        with self._registry_lock:
            for connection in self._all_connections:
                with contextlib.suppress(Exception):  # closing is best effort
                    connection.close()
            self._all_connections.clear()
        self._thread = threading.local()
