"""A derived-data cache: text keys to blobs in one SQLite table (the token and vector caches).

WAL and ``synchronous=OFF``: a lost entry only costs recomputing it. One lock serialises use of
the shared connection; lookups go in chunks of 500 keys (SQLite's parameter limit).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

_CHUNK = 500


class SqliteBlobCache:
    def __init__(self, path: Path, table: str, column: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._table, self._column = table, column
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, {column} BLOB NOT NULL)")
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        with self._lock:
            for start in range(0, len(keys), _CHUNK):
                chunk = list(keys[start : start + _CHUNK])
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, {self._column} FROM {self._table} WHERE key IN ({marks})"
                found.update(self._db.execute(query, chunk))
        return found

    def put_many(self, items: dict[str, bytes]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                f"INSERT OR REPLACE INTO {self._table} (key, {self._column}) VALUES (?, ?)",
                list(items.items()),
            )
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
