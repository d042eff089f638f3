"""ROUGE-1, ROUGE-2 and ROUGE-L (F1) over token sequences (Korean morphemes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise


def _f1(overlap: float, candidate: int, reference: int) -> float:
    if not candidate or not reference or not overlap:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge(candidate: Sequence[str], reference: Sequence[str]) -> dict[str, float]:
    one = sum((Counter(candidate) & Counter(reference)).values())
    two = sum((Counter(pairwise(candidate)) & Counter(pairwise(reference))).values())
    return {
        "rouge1": _f1(one, len(candidate), len(reference)),
        "rouge2": _f1(two, max(0, len(candidate) - 1), max(0, len(reference) - 1)),
        "rougeL": _f1(lcs_length(candidate, reference), len(candidate), len(reference)),
    }
