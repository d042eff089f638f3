"""Analysed tokens keyed by (analyzer version, text hash): rebuilding an index re-analyses nothing.

Stored as zlib-compressed JSON (about a fifth of the plain size for morphemes with bigrams).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path

from biseo.adapters.sqlite_blob_cache import SqliteBlobCache


class TokenCache:
    def __init__(self, path: Path) -> None:
        self._blobs = SqliteBlobCache(path, "tokens_z", "tokens")

    def get_many(self, keys: Sequence[str]) -> dict[str, list[str]]:
        return {key: json.loads(zlib.decompress(blob)) for key, blob in self._blobs.get_many(keys).items()}

    def put_many(self, items: dict[str, list[str]]) -> None:
        self._blobs.put_many(
            {k: zlib.compress(json.dumps(v, ensure_ascii=False).encode(), 1) for k, v in items.items()}
        )

    def close(self) -> None:
        self._blobs.close()
