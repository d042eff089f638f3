"""Vectors and entries for the vector index tests."""

from __future__ import annotations

import numpy as np

from biseo.services.ports import VectorEntry


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def entries(doc: str, n: int, kind: str = "statute", agency: str | None = "행정안전부", day: int = 20240101):
    return [VectorEntry(f"{doc}:{i}", kind, agency, "민원처리에관한법률", day) for i in range(n)]
