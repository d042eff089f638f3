"""민원 배정: learn from answered complaints, then suggest the responsible unit and 협조 units.

A suggestion reads only the complaint's title and content. The primary unit is the best-ranked
one; units whose confidence is at least half of it are offered as 협조 (co-operating) units.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from biseo.domain.complaints.cases import Case, CaseState
from biseo.domain.complaints.routing import Suggestion, stable_unit
from biseo.domain.errors import InvalidInput
from biseo.services.complaints.routing_evaluation import (
    LabelledComplaint,
    current_units,
    load_labelled,
    training_documents,
    with_headlines,
)
from biseo.services.ports import Analyzer, DepartmentRouter

_COOPERATION_SHARE = 0.5
_NOT_TRAINED = "부서 배정 모델이 아직 없습니다. 먼저 `biseo route train --data 파일`로 학습해 주세요."


def case_history(cases: Sequence[Case]) -> list[LabelledComplaint]:
    """Closed (완료) cases as training examples: the unit that answered, after any reassignment."""
    out = []
    for case in cases:
        unit = stable_unit(case.department or "")
        text = f"{case.title}\n{case.content}".strip()
        if case.state is CaseState.CLOSED and unit and text and case.answer.strip():
            out.append(LabelledComplaint(text, unit, case.answer.strip(), case.received_at.date()))
    return out


class RouterStore(Protocol):
    def save(self, router: DepartmentRouter, meta: dict[str, object]) -> None: ...

    def load(self) -> tuple[DepartmentRouter, dict[str, object]] | None: ...


@dataclass(frozen=True, slots=True)
class RoutingAdvice:
    primary: Suggestion
    cooperating: list[Suggestion]
    alternatives: list[Suggestion]  # the next best units, for the official to pick from


@dataclass
class RoutingService:
    analyzer: Analyzer
    make_router: Callable[[], DepartmentRouter]
    models: RouterStore

    def train(
        self,
        data: Path | None,
        label_field: str | None = None,
        renames: dict[str, str] | None = None,
        history: Sequence[LabelledComplaint] = (),
        *,
        min_new_cases: int | None = None,
    ) -> dict[str, object]:
        """Learn from a file of answered complaints and/or ``history``: the agency's own answered
        cases, labelled with the unit that answered them — so an official's reassignment (a
        recorded route override) is what the next model learns.

        ``min_new_cases`` (for a nightly job): keep the current model unless the data file changed
        or at least that many cases were answered since it was trained; the result then says
        ``"skipped": True``."""
        digest = (
            hashlib.sha256(data.read_bytes()).hexdigest() if data is not None and data.is_file() else None
        )
        if min_new_cases is not None and (kept := self._still_current(digest, len(history), min_new_cases)):
            return kept
        examples, field = load_labelled(data, label_field) if data is not None else ([], "department")
        if history and field != "department":
            raise InvalidInput(
                "cases carry departments, not categories",
                message_ko="처리한 민원은 부서로만 학습할 수 있습니다 (--label-field department).",
            )
        examples = [*examples, *history]
        successions: dict[str, str] = {}
        if field == "department":  # 부서 개편: route to the unit that does the work today
            examples, successions = current_units(self.analyzer, examples, renames)
        if len({e.label for e in examples}) < 2:
            raise InvalidInput(
                "need at least two labels", message_ko="학습 자료에 부서가 둘 이상 있어야 합니다."
            )
        router = self.make_router()
        texts, labels = training_documents(examples)
        router.fit(texts, with_headlines(self.analyzer.analyze, texts, len(examples)), labels)
        meta: dict[str, object] = {
            "examples": len(examples),
            "from_cases": len(history),
            "answers": len(texts) - len(examples),
            "units": len({e.label for e in examples}),
            "label_field": field,
            "source": data.name if data is not None else "cases",
            "unit_successions": successions,
            "data_sha256": digest,
        }
        self.models.save(router, meta)
        return meta

    def _still_current(self, digest: str | None, cases: int, min_new_cases: int) -> dict[str, object] | None:
        """The current model's description when the data file is unchanged and fewer than
        ``min_new_cases`` cases were answered since it was trained (a nightly job keeps it)."""
        current = self.models.load()
        if current is None:
            return None
        trained = current[1]
        new_cases = cases - int(str(trained.get("from_cases", 0)))
        if trained.get("data_sha256") == digest and 0 <= new_cases < min_new_cases:
            return {**trained, "skipped": True, "new_cases": new_cases}
        return None

    def suggest(self, title: str, content: str, k: int = 5) -> RoutingAdvice:
        text = f"{title}\n{content}".strip()
        if not text:
            raise InvalidInput("empty complaint", message_ko="민원 제목이나 내용을 입력해 주세요.")
        loaded = self.models.load()
        if loaded is None:
            raise InvalidInput("no routing model", message_ko=_NOT_TRAINED)
        router, _ = loaded
        ranked = router.rank([text], with_headlines(self.analyzer.analyze, [text], 1), max(k, 2))[0]
        suggestions = [Suggestion(label, round(score, 4)) for label, score in ranked]
        primary = suggestions[0]
        cooperating = [s for s in suggestions[1:] if s.confidence >= _COOPERATION_SHARE * primary.confidence]
        return RoutingAdvice(primary, cooperating, [s for s in suggestions[1:] if s not in cooperating])
