"""The unit of work: one transaction that all statements of a write run in, committed once.

``open_unit`` is what ``Database.unit_of_work()`` runs. The outermost unit on a thread begins the
transaction (under the database's one-writer lock) and commits it when its block ends normally;
any exception rolls back everything written since it began. A unit opened inside an open one on
the same thread joins it as a savepoint: a failure inside undoes only the inner part (and, unless
caught, the whole), and only the outermost commits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from biseo.domain.plain_text import storable


class Cursor:
    """The statements of one connection, ``?`` placeholders rewritten for the dialect."""

    def __init__(self, raw: Any, placeholder: str) -> None:
        self._raw = raw
        self._placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._raw.execute(self._sql(sql), storable_params(params))

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self._raw.executemany(self._sql(sql), [storable_params(row) for row in rows])

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None


@contextmanager
def open_unit(
    thread: threading.local, begin: Callable[[], AbstractContextManager[Cursor]]
) -> Iterator[Cursor]:
    """Join the unit open on this thread (as a savepoint), or begin one with ``begin``."""
    open_cursor: Cursor | None = getattr(thread, "unit", None)
    if open_cursor is not None:
        with _savepoint(thread, open_cursor):
            yield open_cursor
        return
    with begin() as cursor:
        thread.unit, thread.depth = cursor, 0
        try:
            yield cursor
        finally:
            thread.unit = None  # before the commit or rollback, still under the writer lock


@contextmanager
def _savepoint(thread: threading.local, cursor: Cursor) -> Iterator[None]:
    thread.depth += 1
    name = f"unit_{thread.depth}"
    cursor.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        cursor.execute(f"ROLLBACK TO SAVEPOINT {name}")
        raise
    else:
        cursor.execute(f"RELEASE SAVEPOINT {name}")
    finally:
        thread.depth -= 1


def storable_params(params: Sequence[Any]) -> tuple[Any, ...]:
    """Every string parameter without NUL or lone surrogates, which PostgreSQL refuses (and SQLite
    is made to store alike): whatever path text came in by, a write never fails on it."""
    return tuple(storable(p) if isinstance(p, str) else p for p in params)
