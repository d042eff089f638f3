"""How much of one text another covers, in two-syllable shingles (spaces ignored): the support test
for a model's summary bullet and for a draft sentence cited to a past answer."""

from __future__ import annotations

import re


def shingles(text: str) -> set[str]:
    flat = re.sub(r"\s+", "", text)
    return {flat[i : i + 2] for i in range(len(flat) - 1)}


def coverage(part: set[str], whole: set[str]) -> float:
    """The share of ``part``'s shingles found in ``whole`` (0 for an empty part)."""
    return len(part & whole) / max(1, len(part))
