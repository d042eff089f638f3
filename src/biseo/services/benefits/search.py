"""Searching the benefits catalog with the project's Korean analysis (Kiwi morphemes) and BM25.

The catalog is small (a national dump is ~11,000 services), so the postings live in memory and are
built on the first query.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from biseo.domain.benefits.catalog import Service
from biseo.services.ports import Analyzer

K1, B = 1.2, 0.75
NAME_WEIGHT = 3  # a word in the service's name counts as three in its description


class BenefitSearch:
    def __init__(self, services: Sequence[Service], analyzer: Analyzer) -> None:
        self._services = list(services)
        self._analyzer = analyzer
        self._postings: dict[str, list[tuple[int, int]]] | None = None
        self._lengths: list[int] = []

    def _build(self) -> dict[str, list[tuple[int, int]]]:
        texts = [
            " ".join([s.name] * NAME_WEIGHT + [s.summary, s.target_text, s.agency, s.category])
            for s in self._services
        ]
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for index, tokens in enumerate(self._analyzer.analyze(texts)):
            self._lengths.append(len(tokens))
            for token, count in Counter(tokens).items():
                postings[token].append((index, count))
        return dict(postings)

    def search(self, query: str, limit: int = 20) -> list[tuple[Service, float]]:
        if self._postings is None:
            self._postings = self._build()
        n = len(self._services)
        if n == 0:
            return []
        average = sum(self._lengths) / n or 1.0
        scores: dict[int, float] = defaultdict(float)
        for token in set(self._analyzer.query_tokens(query)):
            hits = self._postings.get(token, [])
            if not hits:
                continue
            idf = math.log(1 + (n - len(hits) + 0.5) / (len(hits) + 0.5))
            for index, tf in hits:
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self._lengths[index] / average))
                scores[index] += idf * norm
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], self._services[kv[0]].name))[:limit]
        return [(self._services[i], round(s, 4)) for i, s in ranked]
