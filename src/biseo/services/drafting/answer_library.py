"""과거 답변 모음: the past answers a 민원 reply draft may draw on — the configured answer files plus
one agency's answered cases — kept as one ``PastAnswerIndex`` per agency for the life of the
``Services`` that own it (no module globals: two installations in one process never share one).

A draft costs one count query; when the agency's answers changed, only new and edited cases are
analysed into its index, and the index is rebuilt once a quarter of it has been removed or replaced.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from biseo.domain.complaints.cases import Case
from biseo.services.drafting.basis import AnswerPool
from biseo.services.drafting.past_answers import PastAnswer, PastAnswerIndex, read_past_answers
from biseo.services.ports import Analyzer

_REBUILD_SHARE = 0.25  # rebuild once a quarter of the indexed answers have been removed or replaced
_KEPT_AGENCIES = 4  # a few agencies' indexes at a time are plenty for an office server


class AnsweredCases(Protocol):
    """What the library reads of the 민원 case store."""

    def answered_cases(self, agency: str) -> list[Case]: ...

    def answered_fingerprint(self, agency: str) -> tuple[int, int]: ...

    def agencies(self) -> list[str]: ...


@dataclass
class _AgencyIndex:
    index: PastAnswerIndex
    versions: dict[str, int]  # case answer id → case version indexed
    fingerprint: tuple[int, int]


class PastAnswerLibrary:
    def __init__(
        self, files: Sequence[Path], cases: Callable[[], AnsweredCases], analyzer: Callable[[], Analyzer]
    ) -> None:
        """``cases`` and ``analyzer`` are called on first use (commands that never draft skip them)."""
        self.files = tuple(files)
        self._cases = cases
        self._analyzer = analyzer
        self._file_answers: tuple[PastAnswer, ...] | None = None
        self._indexes: dict[str, _AgencyIndex] = {}
        self._lock = threading.Lock()

    def file_answers(self) -> tuple[PastAnswer, ...]:
        if self._file_answers is None:
            rows: list[PastAnswer] = []
            for path in self.files:
                rows += read_past_answers(path.expanduser())
            self._file_answers = tuple(rows)
        return self._file_answers

    def pool(self, agency: str | None) -> AnswerPool:
        """What the past answers of a draft as ``agency`` are drawn from (for the 근거 안내)."""
        store = self._cases()
        return AnswerPool(
            files=len(self.files),
            file_answers=sum(1 for a in self.file_answers() if a.answer.strip()),  # as the index keeps them
            agency=agency,
            case_answers=store.answered_fingerprint(agency)[0] if agency else 0,
            agencies_with_cases=tuple(store.agencies()),
        )

    def index(self, agency: str | None) -> PastAnswerIndex:
        """The answer files plus ``agency``'s answered cases, brought up to date."""
        store = self._cases()
        fingerprint = store.answered_fingerprint(agency) if agency else (0, 0)
        with self._lock:
            entry = self._indexes.get(agency or "")
            if entry is not None and entry.fingerprint == fingerprint:
                return entry.index
            if entry is None or entry.index.removed_share > _REBUILD_SHARE:
                if len(self._indexes) >= _KEPT_AGENCIES:
                    self._indexes.clear()
                entry = _AgencyIndex(PastAnswerIndex(self._analyzer(), self.file_answers()), {}, (0, 0))
            if agency:
                _refresh(entry, store.answered_cases(agency))
            entry.fingerprint = fingerprint
            self._indexes[agency or ""] = entry
            return entry.index


def _refresh(entry: _AgencyIndex, cases: list[Case]) -> None:
    current = {f"case:{c.id}": c for c in cases}
    entry.index.remove([i for i in entry.versions if i not in current])
    changed = [c for i, c in current.items() if entry.versions.get(i) != c.version]
    entry.index.add([PastAnswer(f"case:{c.id}", c.title, c.content, c.answer, c.department) for c in changed])
    entry.versions = {i: c.version for i, c in current.items()}
