"""Retrieval metrics and bootstrap confidence intervals, pure."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Sequence


def dcg(gains: Sequence[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(ranked: Sequence[Hashable], relevant: set[Hashable], k: int) -> float:
    if not relevant:
        return 0.0
    gains = [1.0 if key in relevant else 0.0 for key in _unique(ranked)[:k]]
    ideal = dcg([1.0] * min(len(relevant), k))
    return dcg(gains) / ideal


def recall_at(ranked: Sequence[Hashable], relevant: set[Hashable], k: int) -> float:
    if not relevant:
        return 0.0
    return len(set(_unique(ranked)[:k]) & relevant) / len(relevant)


def reciprocal_rank(ranked: Sequence[Hashable], relevant: set[Hashable]) -> float:
    for i, key in enumerate(_unique(ranked)):
        if key in relevant:
            return 1.0 / (i + 1)
    return 0.0


def _unique(ranked: Sequence[Hashable]) -> list[Hashable]:
    seen: set[Hashable] = set()
    out: list[Hashable] = []
    for key in ranked:
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def summarize(ranked: Sequence[Hashable], relevant: set[Hashable]) -> dict[str, float]:
    return {
        "ndcg@10": ndcg_at(ranked, relevant, 10),
        "recall@10": recall_at(ranked, relevant, 10),
        "recall@100": recall_at(ranked, relevant, 100),
        "mrr": reciprocal_rank(ranked, relevant),
    }


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def bootstrap_ci(
    n: int, statistic: Callable[[list[int]], float], *, rounds: int = 1000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile interval of ``statistic`` over resamples of the query indices ``0..n-1``."""
    if n == 0:
        return (0.0, 0.0)
    rng = random.Random(seed)
    values = sorted(statistic([rng.randrange(n) for _ in range(n)]) for _ in range(rounds))
    low = values[int((1 - level) / 2 * rounds)]
    high = values[min(int((1 + level) / 2 * rounds), rounds - 1)]
    return (low, high)
