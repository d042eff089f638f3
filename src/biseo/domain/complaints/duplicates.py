"""중복·반복 민원 (민원처리법 §23): the same complainant repeating a request, and near-duplicate
content across complainants.

Texts are compared as bags of content morphemes (cosine of term counts): a repeat by the same
complainant needs less overlap than a near-duplicate from someone else, since the same person
rephrases the same request. §23①: after the same 민원 has been answered two or more times, a third
repetition may be closed by referring to the earlier answers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

REPEAT_SIMILARITY = 0.5  # same complainant
DUPLICATE_SIMILARITY = 0.8  # any complainant
ANSWERED_BEFORE_CLOSING = 2  # §23①: 2회 이상 그 처리결과를 통지한 뒤


@dataclass(frozen=True, slots=True)
class Candidate:
    case_id: str
    tokens: Sequence[str]
    complainant_key: str | None
    answered: bool


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    case_id: str
    similarity: float
    relation: str  # "repeat" (same complainant) or "duplicate" (similar content)
    answered: bool


@dataclass(frozen=True, slots=True)
class DuplicateReport:
    matches: list[DuplicateMatch]
    answered_repeats: int

    @property
    def may_close_as_repeat(self) -> bool:
        """§23①: answered twice or more already, this repetition may be closed with a reference."""
        return self.answered_repeats >= ANSWERED_BEFORE_CLOSING


def cosine(a: Iterable[str], b: Iterable[str]) -> float:
    ca, cb = Counter(a), Counter(b)
    if not ca or not cb:
        return 0.0
    dot = sum(count * cb[token] for token, count in ca.items())
    return dot / math.sqrt(sum(v * v for v in ca.values()) * sum(v * v for v in cb.values()))


def find_duplicates(
    tokens: Sequence[str], complainant_key: str | None, candidates: Iterable[Candidate], limit: int = 5
) -> DuplicateReport:
    matches: list[DuplicateMatch] = []
    for candidate in candidates:
        similarity = cosine(tokens, candidate.tokens)
        same_person = complainant_key is not None and candidate.complainant_key == complainant_key
        if same_person and similarity >= REPEAT_SIMILARITY:
            matches.append(
                DuplicateMatch(candidate.case_id, round(similarity, 4), "repeat", candidate.answered)
            )
        elif similarity >= DUPLICATE_SIMILARITY:
            matches.append(
                DuplicateMatch(candidate.case_id, round(similarity, 4), "duplicate", candidate.answered)
            )
    matches.sort(key=lambda m: (m.relation != "repeat", -m.similarity))
    answered_repeats = sum(1 for m in matches if m.relation == "repeat" and m.answered)
    return DuplicateReport(matches[:limit], answered_repeats)
