"""민원 배정 (routing): stable department units and the scores a router is judged by.

Departments are renamed when a 국 is reorganised (``도시재생국 건축과`` → ``도시관리국 건축과``) while
the unit that does the work keeps its name, so routing learns and predicts the last word of a
department name: its stable unit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from biseo.domain.complaints.unit_lineage import stem

_UNIT_ENDINGS = ("과", "실", "소", "단", "센터", "팀", "관", "국", "동", "읍", "면")  # 동·읍·면: 주민센터
_LONGEST_UNIT_NAME = 30  # longer "departments" are text that slipped into the column


@dataclass(frozen=True, slots=True)
class Suggestion:
    unit: str
    confidence: float  # 0..1, comparable within one complaint


_PATH_SEPARATORS = re.compile(r"[\s/>|]+")
_TRAILING_NOTE = re.compile(r"^(.+?)\s*[(\[][^()\[\]]*[)\]]$")  # 건축과(건축허가팀), 행정지원과(구 총무과)
# A 동·읍·면 office is the 동 itself: 주민센터 became 행정복지센터 across the country from 2016.
_LOCAL_OFFICE = re.compile(r"^(.+[동읍면])\s*(?:행정복지센터|주민센터|주민자치센터|사무소|동사무소)$")


@dataclass(frozen=True, slots=True)
class RouteSuggestion:
    """배정 추천 kept with a case at intake: the unit to assign, how sure, and who else may help."""

    primary: str
    confidence: float
    cooperating: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()

    def to_record(self) -> dict[str, object]:
        return {
            "primary": self.primary,
            "confidence": self.confidence,
            "cooperating": list(self.cooperating),
            "alternatives": list(self.alternatives),
        }

    @classmethod
    def from_record(cls, record: dict[str, object]) -> RouteSuggestion:
        def units(key: str) -> tuple[str, ...]:
            value = record.get(key)
            return tuple(str(u) for u in value) if isinstance(value, list) else ()

        confidence = record.get("confidence")
        return cls(
            str(record.get("primary", "")),
            float(confidence) if isinstance(confidence, int | float) else 0.0,
            units("cooperating"),
            units("alternatives"),
        )


def stable_unit(department: str) -> str | None:
    """``도시재생국 건축과`` → ``건축과``; None for an empty or implausible name.

    Also ``중구/도시관리국/건축과`` and ``건축과(건축허가팀)`` → ``건축과``, and a 동·읍·면 office under
    either of its names (``신포동주민센터``, ``신포동 행정복지센터``) → ``신포동``.
    """
    if "\n" in department:
        return None
    name = department.strip()
    while note := _TRAILING_NOTE.match(name):
        name = note.group(1)
    if office := _LOCAL_OFFICE.match(name):
        name = office.group(1)
    words = [w for w in _PATH_SEPARATORS.split(name) if w]
    if not words or len(words[-1]) > _LONGEST_UNIT_NAME:
        return None
    return words[-1]


def named_units(text: str, units: Sequence[str]) -> list[str]:
    """The units a complaint names by their working stem (``청소`` of 청소과, ``운서동``): a unit's
    name says what it does, which matters most for units with few past cases. Only labels shaped
    like unit names count (a petition category such as ``행정`` or ``미래`` is not one), and stems
    shorter than two characters name nothing."""
    return [u for u in units if _is_unit_name(u) and len(s := stem(u)) >= 2 and s in text]


def _is_unit_name(label: str) -> bool:
    return not any(c in label for c in " /") and label.endswith(_UNIT_ENDINGS)


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def top_k_accuracy(gold: Sequence[str], ranked: Sequence[Sequence[str]], k: int) -> float:
    return sum(g in r[:k] for g, r in zip(gold, ranked, strict=True)) / len(gold) if gold else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean F1 over every label that is gold or predicted (unseen labels score 0)."""
    if not gold:
        return 0.0
    true_positive: Counter[str] = Counter()
    gold_count = Counter(gold)
    predicted_count = Counter(predicted)
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            true_positive[g] += 1
    scores = []
    for label in set(gold_count) | set(predicted_count):
        tp = true_positive[label]
        denominator = gold_count[label] + predicted_count[label]
        scores.append(2 * tp / denominator if denominator else 0.0)
    return sum(scores) / len(scores)
