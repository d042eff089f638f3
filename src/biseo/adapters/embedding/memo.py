"""An in-process memo in front of any ``Embedder``: cross-validation refits the router on folds
that share nine tenths of their texts, and each text is embedded once, not once per fold."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from biseo.services.ports import Embedder, Vectors


class MemoEmbedder:
    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self._seen: dict[tuple[str, str], Vectors] = {}

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimensions(self) -> int:
        return self.inner.dimensions

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed("query", texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed("passage", texts)

    def _embed(self, kind: str, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if (kind, t) not in self._seen))
        if missing:
            embed = self.inner.embed_queries if kind == "query" else self.inner.embed_passages
            for text, vector in zip(missing, embed(missing), strict=True):
                self._seen[(kind, text)] = vector
        if not texts:
            return np.zeros((0, self.dimensions), np.float32)
        return np.stack([self._seen[(kind, t)] for t in texts])
