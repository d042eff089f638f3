"""Unit successions learned from answered history (see ``domain.unit_lineage``): each unit's dated
complaints and answers become one TF-IDF centroid over Kiwi morphemes; the domain rule decides."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

from biseo.domain.complaints.routing import stable_unit
from biseo.domain.complaints.unit_lineage import UnitSpan, successors
from biseo.domain.errors import InvalidInput
from biseo.services.korean_files import csv_lists, read_korean_text
from biseo.services.ports import Analyzer


def learn_successors(analyzer: Analyzer, examples: Sequence[tuple[str, str, date | None]]) -> dict[str, str]:
    """``examples``: (label, text, date) of answered complaints; undated ones only shape the centroids."""
    texts: dict[str, list[str]] = defaultdict(list)
    dates: dict[str, list[date]] = defaultdict(list)
    for label, text, when in examples:
        texts[label].append(text)
        if when is not None:
            dates[label].append(when)
    units = [u for u in texts if dates[u]]
    if len(units) < 4:
        return {}
    tokens = analyzer.analyze(["\n".join(texts[u]) for u in units])
    frequency = Counter(t for row in tokens for t in set(row))
    vocabulary = {t: i for i, t in enumerate(frequency)}
    matrix = np.zeros((len(units), len(vocabulary)), dtype=np.float32)
    for i, row in enumerate(tokens):
        for token, count in Counter(row).items():
            matrix[i, vocabulary[token]] = (1 + math.log(count)) * math.log(len(units) / frequency[token])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-12
    index = {u: i for i, u in enumerate(units)}
    spans = {u: UnitSpan(u, min(dates[u]), max(dates[u]), len(dates[u])) for u in units}
    return successors(spans, lambda a, b: float(matrix[index[a]] @ matrix[index[b]]))


def read_renames(path: Path) -> dict[str, str]:
    """A reviewed CSV of renames: two columns, the earlier unit and the unit that took its work
    (a header row such as ``old,new`` or ``이전 부서,현재 부서`` is skipped). Department names are
    folded to stable units like the history is."""
    rows = csv_lists(read_korean_text(path), path.name)
    renames = {}
    for number, row in enumerate(rows, start=1):
        if len(row) < 2 or not row[0].strip():
            continue
        old, new = stable_unit(row[0]), stable_unit(row[1])
        if old is None or new is None:
            raise InvalidInput(
                f"{path.name}:{number}: not two department names",
                message_ko=f"부서 개편 파일 {number}번째 줄에 부서 이름 두 개가 있어야 합니다.",
            )
        if number == 1 and row[0].strip().lower() in ("old", "이전 부서", "이전부서", "from"):
            continue
        renames[old] = new
    return renames


def parse_day(value: str | None) -> date | None:
    """``2020.11.30``, ``2020-11-30`` or ``2020/11/30`` (time parts ignored); None when unreadable."""
    if not value:
        return None
    head = value.strip().split()[0] if value.strip() else ""
    for separator in (".", "-", "/"):
        parts = [p for p in head.split(separator) if p]
        if len(parts) >= 3 and all(p.isdigit() for p in parts[:3]):
            try:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                return None
    return None
