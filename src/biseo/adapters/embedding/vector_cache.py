"""Embeddings keyed by (model, text hash): re-indexing or a second evaluation embeds nothing twice.

Stored as float16 (768 bytes for a 384-d vector); rounding moves cosines by less than 1e-3.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from biseo.adapters.sqlite_blob_cache import SqliteBlobCache
from biseo.services.ports import Vectors


class SqliteVectorCache:
    def __init__(self, path: Path) -> None:
        self._blobs = SqliteBlobCache(path, "vectors_f16", "vector")

    def get_many(self, keys: Sequence[str]) -> dict[str, Vectors]:
        found = self._blobs.get_many(keys)
        return {key: np.frombuffer(blob, np.float16).astype(np.float32) for key, blob in found.items()}

    def put_many(self, items: dict[str, Vectors]) -> None:
        self._blobs.put_many({k: np.asarray(v, np.float16).tobytes() for k, v in items.items()})

    def close(self) -> None:
        self._blobs.close()
