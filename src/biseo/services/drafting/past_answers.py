"""Past 민원 answers, found by the complaint they answered: BM25 over Kiwi morphemes of title and content.

The answer text is never indexed: a new complaint has no answer yet, and matching on the question is
what an official does when looking for "how did we answer this before".
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from biseo.domain.complaints.routing import stable_unit
from biseo.services.korean_files import csv_dicts, read_korean_text
from biseo.services.ports import Analyzer

_K1, _B = 1.2, 0.75
_OWN_UNIT_BOOST = 1.5  # an answer the drafting unit wrote counts half again: its wording, its 근거


@dataclass(frozen=True, slots=True)
class PastAnswer:
    id: str
    title: str
    content: str
    answer: str
    department: str | None = None


@dataclass(frozen=True, slots=True)
class PastMatch:
    answer: PastAnswer
    score: float
    coverage: float = 1.0  # share of the complaint's term weight (IDF) the matched complaint shares
    shared_terms: int = 0  # distinct terms of the complaint the matched complaint has
    reverse: float = 1.0  # share of the matched complaint's own term weight this complaint shares


class PastAnswerIndex:
    """BM25 postings that grow in place: ``add`` analyses only the new answers and ``remove`` marks
    answers gone, so an agency's index follows its cases without being rebuilt. One writer at a
    time (the caller's lock); readers may search meanwhile: an answer's postings are published only
    after its length and record exist, and a removed answer is skipped from then on."""

    def __init__(self, analyzer: Analyzer, answers: Sequence[PastAnswer]) -> None:
        self.analyzer = analyzer
        self.answers: list[PastAnswer] = []
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._lengths: list[int] = []
        self._units: list[str | None] = []
        self._position: dict[str, int] = {}
        self._removed: set[int] = set()
        self._total = 0
        self._average = 0.0
        self.add(answers)

    def add(self, answers: Sequence[PastAnswer]) -> None:
        """Index answered ones; an id already indexed is replaced."""
        fresh = [a for a in answers if a.answer.strip()]
        self.remove([a.id for a in fresh])
        tokens = self.analyzer.analyze([f"{a.title}\n{a.content}" for a in fresh]) if fresh else []
        for answer, row in zip(fresh, tokens, strict=True):
            i = len(self.answers)
            self.answers.append(answer)
            self._lengths.append(len(row))
            self._units.append(stable_unit(answer.department) if answer.department else None)
            self._position[answer.id] = i
            self._total += len(row)
            for token, count in Counter(row).items():
                self._postings[token].append((i, count))
        self._average = self._total / max(1, len(self))

    def remove(self, ids: Iterable[str]) -> None:
        for answer_id in ids:
            i = self._position.pop(answer_id, None)
            if i is not None:
                self._removed.add(i)
                self._total -= self._lengths[i]
        self._average = self._total / max(1, len(self))

    def __len__(self) -> int:
        return len(self.answers) - len(self._removed)

    @property
    def removed_share(self) -> float:
        """Removed answers over all indexed: their postings still count in BM25's document frequency."""
        return len(self._removed) / max(1, len(self.answers))

    def similar(
        self,
        title: str,
        content: str,
        k: int = 3,
        exclude: Iterable[str] = (),
        unit: str | None = None,
    ) -> list[PastMatch]:
        """The k answers whose complaints read most like this one (ids in ``exclude`` never returned).
        ``unit``: the department drafting the reply; its own past answers are preferred."""
        n = len(self)
        if not n:
            return []
        skip = set(exclude)
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, float] = defaultdict(float)
        terms: dict[int, int] = defaultdict(int)
        weight = 0.0
        query = set(self.analyzer.query_tokens(f"{title}\n{content}"[:4000]))
        for token in query:
            postings = self._postings.get(token)
            if not postings:
                continue
            idf = math.log(1 + (n - len(postings) + 0.5) / (len(postings) + 0.5))
            weight += idf
            for i, count in postings:
                if i in self._removed:
                    continue
                norm = _K1 * (1 - _B + _B * self._lengths[i] / self._average)
                scores[i] += idf * count * (_K1 + 1) / (count + norm)
                shared[i] += idf
                terms[i] += 1
        own = stable_unit(unit) if unit else None
        if own:
            for i in scores:
                if self._units[i] == own:
                    scores[i] *= _OWN_UNIT_BOOST
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        out = []
        for i, score in ranked:
            if self.answers[i].id in skip:
                continue
            match = PastMatch(self.answers[i], round(score, 4), round(shared[i] / weight, 4), terms[i])
            out.append(dataclasses.replace(match, reverse=self._reverse_share(i, query)))
            if len(out) == k:
                break
        return out

    def _reverse_share(self, i: int, query: set[str]) -> float:
        """How much of the past complaint this one covers: a long complaint about another matter
        shares a few words with a short one (수거) but little of its own weight."""
        answer = self.answers[i]
        own = set(self.analyzer.query_tokens(f"{answer.title}\n{answer.content}"[:4000]))
        n = len(self)
        weights = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t in own if (p := self._postings.get(t))
        }
        total = sum(weights.values())
        return round(sum(w for t, w in weights.items() if t in query) / total, 4) if total else 0.0


def read_past_answers(path: Path) -> list[PastAnswer]:
    """The complaints CSV (id, title, content, answer, department) as past answers."""
    return [
        PastAnswer(
            str(row.get("id") or i),
            row.get("title") or "",
            row.get("content") or "",
            row.get("answer") or "",
            row.get("department") or None,
        )
        for i, row in enumerate(csv_dicts(read_korean_text(path), path.name))
    ]
