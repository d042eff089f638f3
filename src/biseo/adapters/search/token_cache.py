"""Analysed tokens keyed by (analyzer version, text hash): rebuilding an index re-analyses nothing.

Stored as zlib-compressed JSON (about a fifth of the plain size for morphemes with bigrams).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import zlib
from collections.abc import Sequence
from pathlib import Path


class TokenCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")  # a lost cache entry only costs re-analysis
        self._db.execute("CREATE TABLE IF NOT EXISTS tokens_z (key TEXT PRIMARY KEY, tokens BLOB NOT NULL)")
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, tokens in self._db.execute(
                    f"SELECT key, tokens FROM tokens_z WHERE key IN ({marks})", chunk
                ):
                    found[key] = json.loads(zlib.decompress(tokens))
        return found

    def put_many(self, items: dict[str, list[str]]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO tokens_z (key, tokens) VALUES (?, ?)",
                [(k, zlib.compress(json.dumps(v, ensure_ascii=False).encode(), 1)) for k, v in items.items()],
            )
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
