"""Embeddings keyed by (model, text hash): re-indexing or a second evaluation embeds nothing twice.

Stored as float16 (768 bytes for a 384-d vector); rounding moves cosines by less than 1e-3.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from biseo.services.ports import Vectors


class SqliteVectorCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")  # a lost entry only costs re-embedding
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors_f16 (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, Vectors]:
        found: dict[str, Vectors] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(
                    f"SELECT key, vector FROM vectors_f16 WHERE key IN ({marks})", chunk
                ):
                    found[key] = np.frombuffer(blob, np.float16).astype(np.float32)
        return found

    def put_many(self, items: dict[str, Vectors]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors_f16 (key, vector) VALUES (?, ?)",
                [(k, np.asarray(v, np.float16).tobytes()) for k, v in items.items()],
            )
            self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()
