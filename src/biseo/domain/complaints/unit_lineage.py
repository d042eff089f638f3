"""부서 개편 (unit renames): which retired unit's work a later unit took over.

Stable units already absorb a 국 being renamed (``도시재생국 건축과`` = ``도시관리국 건축과``). Units
themselves are renamed too (교통행정과 2012–16 → 교통운수과 2017–20): a complaint about bus stops
must go to the unit that exists *now*. A later unit is taken as the successor of an earlier one when
all of these hold, so that merging stays rare and explainable:

- the earlier unit's last answer predates the later unit's first answer by at most ``overlap`` days
  of overlap (they did not work side by side);
- their names share a two-syllable stem (교통행정과 / 교통운수과 share 교통);
- of all such candidates, the later unit's complaints read most like the earlier one's, and it is
  among the ``max_rank`` units most similar to the earlier one of *all* units (a relative test:
  similarity scales differ from one history to another);
- both have at least ``min_examples`` answered complaints.

Chains resolve to the last unit (교통운영과 → 교통행정과 → 교통운수과).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

_SUFFIXES = ("과", "실", "소", "단", "센터", "팀", "관", "담당관")


@dataclass(frozen=True, slots=True)
class UnitSpan:
    unit: str
    first: date
    last: date
    examples: int


def stem(unit: str) -> str:
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if unit.endswith(suffix) and len(unit) > len(suffix) + 1:
            return unit[: -len(suffix)]
    return unit


def share_stem(a: str, b: str) -> bool:
    x, y = stem(a), stem(b)
    return any(x[i : i + 2] in y for i in range(len(x) - 1))


def successors(
    spans: Mapping[str, UnitSpan],
    similarity: Callable[[str, str], float],
    *,
    overlap: int = 90,
    max_rank: int = 3,
    min_examples: int = 3,
) -> dict[str, str]:
    """Retired unit → the unit that carries its work today (only units that have one)."""
    step: dict[str, str] = {}
    for old in spans.values():
        if old.examples < min_examples:
            continue
        others = sorted((similarity(old.unit, u) for u in spans if u != old.unit), reverse=True)
        bar = others[max_rank - 1] if len(others) >= max_rank else float("-inf")
        candidates = [
            new
            for new in spans.values()
            if new.unit != old.unit
            and new.examples >= min_examples
            and new.first >= old.last - timedelta(days=overlap)
            and new.last > old.last
            and share_stem(old.unit, new.unit)
        ]
        scored = [(similarity(old.unit, new.unit), new.unit) for new in candidates]
        if scored:
            best_score, best = max(scored)
            if best_score >= bar:
                step[old.unit] = best
    return resolve_chains(step)


def with_renames(learned: Mapping[str, str], reviewed: Mapping[str, str]) -> dict[str, str]:
    """Learned successions overridden by a reviewed list (old unit → new unit), chains resolved: an
    agency knows renames no inference can see (청소과 → 자원순환과 share no stem)."""
    return resolve_chains({**learned, **reviewed})


def resolve_chains(step: Mapping[str, str]) -> dict[str, str]:
    """Each unit → the end of its chain of renames; a cycle (a data error) stops where it closes."""
    resolved = {}
    for unit in step:
        seen, current = {unit}, step[unit]
        while current in step and step[current] not in seen:
            seen.add(current)
            current = step[current]
        if current != unit:
            resolved[unit] = current
    return resolved
