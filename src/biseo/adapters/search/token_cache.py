"""Analysed tokens keyed by (analyzer version, text hash): rebuilding an index re-analyses nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path


class TokenCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")  # a lost cache entry only costs re-analysis
        self._db.execute("CREATE TABLE IF NOT EXISTS tokens (key TEXT PRIMARY KEY, tokens TEXT NOT NULL)")
        self._lock = threading.Lock()

    @staticmethod
    def key(version: str, text: str) -> str:
        return hashlib.sha1(f"{version}\x00{text}".encode()).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, tokens in self._db.execute(
                    f"SELECT key, tokens FROM tokens WHERE key IN ({marks})", chunk
                ):
                    found[key] = json.loads(tokens)
        return found

    def put_many(self, items: dict[str, list[str]]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO tokens (key, tokens) VALUES (?, ?)",
                [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()],
            )
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
