"""`biseo eval route`: how well complaints are routed to the unit that answered them.

Reads only the title and content of each complaint (a new complaint has no answer yet). Labels are
stable units for ``department`` (``도시재생국 건축과`` → ``건축과``) or the raw ``category`` of
petitions. Labels that never occur in training cannot be predicted and count as errors.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from biseo.domain.complaints.routing import accuracy, macro_f1, stable_unit, top_k_accuracy
from biseo.domain.complaints.unit_lineage import with_renames
from biseo.domain.errors import InvalidInput
from biseo.domain.json_values import JsonObject
from biseo.services.complaints.unit_lineage import learn_successors, parse_day
from biseo.services.korean_files import csv_dicts, read_korean_text
from biseo.services.ports import Analyzer, DepartmentRouter

LABEL_FIELDS = ("department", "category")


@dataclass(frozen=True, slots=True)
class LabelledComplaint:
    text: str
    label: str
    answer: str = ""  # the unit's past answer: training material only, never read when routing
    received: date | None = None  # for learning unit successions (부서 개편), never read when routing


def current_units(
    analyzer: Analyzer, examples: list[LabelledComplaint], reviewed: dict[str, str] | None = None
) -> tuple[list[LabelledComplaint], dict[str, str]]:
    """The examples relabelled with the unit that does their work today, and the successions used
    (learned from the history, overridden by a reviewed rename list when one is given)."""
    learned = learn_successors(analyzer, [(e.label, f"{e.text}\n{e.answer}", e.received) for e in examples])
    mapping = with_renames(learned, reviewed or {})
    return [replace(e, label=mapping.get(e.label, e.label)) for e in examples], mapping


def training_documents(examples: list[LabelledComplaint]) -> tuple[list[str], list[str]]:
    """Complaints and, where present, their answers, each labelled with the unit that answered.

    An answer describes in the unit's own words what it does (조명시설 설치, 불법 주정차 단속, …),
    so it teaches the router vocabulary that few complaints use.
    """
    texts = [e.text for e in examples] + [e.answer for e in examples if e.answer]
    labels = [e.label for e in examples] + [e.label for e in examples if e.answer]
    return texts, labels


HEADLINE = "제목:"  # marks the tokens of a complaint's first line (its title) as features of their own


def with_headlines(
    tokenize: Callable[[list[str]], list[list[str]]], texts: list[str], headed: int
) -> list[list[str]]:
    """Each text's tokens; the first ``headed`` texts (complaints, not answers) also carry the tokens
    of their first line — the title, which says in a few words what the content says at length —
    marked with ``HEADLINE`` so that the router weighs them apart from the same words in the body."""
    tokens = tokenize(texts)
    heads = tokenize([text.split("\n", 1)[0] for text in texts[:headed]])
    titled = [body + [HEADLINE + token for token in head] for body, head in zip(tokens, heads, strict=False)]
    return titled + tokens[headed:]


def load_labelled(path: Path, label_field: str | None = None) -> tuple[list[LabelledComplaint], str]:
    """Rows of a CSV (title, content, department) or JSONL (title, content, category) file."""
    rows = _rows(path)
    field = label_field or next((f for f in LABEL_FIELDS if any(f in row for row in rows)), None)
    if field not in LABEL_FIELDS:
        raise InvalidInput(
            f"{path.name}: no label field (department or category)",
            message_ko="레이블 열(department 또는 category)을 찾을 수 없습니다.",
        )
    examples = []
    for row in rows:
        raw = str(row.get(field) or "")
        label = stable_unit(raw) if field == "department" else raw.strip() or None
        text = f"{row.get('title') or ''}\n{row.get('content') or ''}".strip()
        if label and text:
            examples.append(
                LabelledComplaint(
                    text, label, str(row.get("answer") or "").strip(), parse_day(str(row.get("date") or ""))
                )
            )
    return examples, field


def _rows(path: Path) -> list[dict[str, Any]]:
    raw = read_korean_text(path)
    if path.suffix.lower() == ".jsonl" or raw.lstrip().startswith("{"):
        rows = []
        for number, line in enumerate(raw.splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(dict(json.loads(line)))
                except (ValueError, TypeError) as exc:
                    raise InvalidInput(
                        f"{path.name}:{number}: not a JSON object",
                        message_ko=f"{number}번째 줄이 JSON이 아닙니다.",
                    ) from exc
        return rows
    return csv_dicts(raw, path.name)


@dataclass(frozen=True, slots=True)
class _Routed:
    """One split routed by both models: the gold units and each model's top three per test row."""

    gold: list[str]
    ranked: dict[str, list[list[str]]]
    successions: dict[str, str]
    classes: int
    training_answers: int
    unseen: int


_MODELS = ("biseo", "baseline")


@dataclass
class RoutingEvaluation:
    analyzer: Analyzer
    biseo: Callable[[], DepartmentRouter]
    baseline: Callable[[], DepartmentRouter]
    embeddings: str | None = None  # the sentence-vector model biseo's router uses, if any

    def run(
        self,
        train_path: Path,
        test_path: Path,
        label_field: str | None = None,
        renames: dict[str, str] | None = None,
    ) -> JsonObject:
        started = time.perf_counter()
        train, field = load_labelled(train_path, label_field)
        test, _ = load_labelled(test_path, field)
        if not train or not test:
            raise InvalidInput(
                "no labelled rows", message_ko="학습 또는 평가 자료에 레이블이 있는 행이 없습니다."
            )
        routed = self._route(train, test, field, renames, self.analyzer.analyze)
        result: dict[str, Any] = {
            "train": len(train),
            "test": len(test),
            "classes": routed.classes,
            "label_field": field,
            "embeddings": self.embeddings,
        }
        result.update(_compare(routed.gold, routed.ranked))
        result["training_answers"] = routed.training_answers
        result["unit_successions"] = routed.successions
        result["unseen_test_labels"] = routed.unseen
        result["seconds"] = round(time.perf_counter() - started, 1)
        return result

    def cross_validate(
        self,
        path: Path,
        folds: int = 10,
        seed: int = 0,
        label_field: str | None = None,
        renames: dict[str, str] | None = None,
    ) -> JsonObject:
        """K-fold cross-validation: every labelled row is routed once, by models trained on the
        other folds (successions learned from those folds too); the scores pool all rows."""
        started = time.perf_counter()
        examples, field = load_labelled(path, label_field)
        if folds < 2 or len(examples) < folds:
            raise InvalidInput(
                f"cannot split {len(examples)} labelled rows into {folds} folds",
                message_ko=f"레이블이 있는 {len(examples)}행을 {folds}개로 나눌 수 없습니다 (2개 이상, 행 수 이하).",
            )
        order = list(range(len(examples)))
        random.Random(seed).shuffle(order)
        tokenize = _remembering(self.analyzer.analyze)  # each text is analysed once, not once per fold
        gold: list[str] = []
        ranked: dict[str, list[list[str]]] = {name: [] for name in _MODELS}
        fold_top3: dict[str, list[float]] = {name: [] for name in _MODELS}
        unseen = 0
        for fold in range(folds):
            held = order[fold::folds]
            skip = set(held)
            train = [e for i, e in enumerate(examples) if i not in skip]
            routed = self._route(train, [examples[i] for i in held], field, renames, tokenize)
            gold += routed.gold
            unseen += routed.unseen
            for name in _MODELS:
                ranked[name] += routed.ranked[name]
                fold_top3[name].append(round(top_k_accuracy(routed.gold, routed.ranked[name], 3), 4))
        result: dict[str, Any] = {
            "folds": folds,
            "seed": seed,
            "test": len(gold),
            "classes": len({e.label for e in examples}),
            "label_field": field,
            "embeddings": self.embeddings,
        }
        result.update(_compare(gold, ranked))
        result["fold_top3"] = fold_top3
        result["unseen_test_labels"] = unseen
        result["seconds"] = round(time.perf_counter() - started, 1)
        return result

    def _route(
        self,
        train: list[LabelledComplaint],
        test: list[LabelledComplaint],
        field: str,
        renames: dict[str, str] | None,
        tokenize: Callable[[list[str]], list[list[str]]],
    ) -> _Routed:
        successions: dict[str, str] = {}
        if field == "department":  # learned from the training part only, applied to both
            train, successions = current_units(self.analyzer, train, renames)
            test = [replace(e, label=successions.get(e.label, e.label)) for e in test]
        biseo_texts, biseo_labels = training_documents(train)
        biseo_tokens = with_headlines(tokenize, biseo_texts, len(train))
        train_tokens = biseo_tokens[: len(train)]
        test_texts = [e.text for e in test]
        test_tokens = with_headlines(tokenize, test_texts, len(test_texts))
        ranked: dict[str, list[list[str]]] = {}
        for name, make in (("biseo", self.biseo), ("baseline", self.baseline)):
            router = make()
            if name == "biseo":
                router.fit(biseo_texts, biseo_tokens, biseo_labels)
            else:  # the usual first attempt: complaints only
                router.fit([e.text for e in train], train_tokens, [e.label for e in train])
            ranked[name] = [[label for label, _ in row] for row in router.rank(test_texts, test_tokens, 3)]
        known = {e.label for e in train}
        return _Routed(
            gold=[e.label for e in test],
            ranked=ranked,
            successions=successions,
            classes=len(known),
            training_answers=len(biseo_texts) - len(train),
            unseen=sum(1 for e in test if e.label not in known),
        )


def _compare(gold: list[str], ranked: dict[str, list[list[str]]]) -> dict[str, Any]:
    """Each model's macro-F1, accuracy and top-3, and biseo's macro-F1 over the baseline's."""
    out: dict[str, Any] = {}
    for name in _MODELS:
        predicted = [row[0] if row else "" for row in ranked[name]]
        out[name] = {
            "macro_f1": round(macro_f1(gold, predicted), 4),
            "accuracy": round(accuracy(gold, predicted), 4),
            "top3": round(top_k_accuracy(gold, ranked[name], 3), 4),
        }
    base = out["baseline"]["macro_f1"]
    out["ratio"] = {"macro_f1": round(out["biseo"]["macro_f1"] / base, 3) if base else 0.0}
    return out


def _remembering(analyze: Callable[[list[str]], list[list[str]]]) -> Callable[[list[str]], list[list[str]]]:
    seen: dict[str, list[str]] = {}

    def tokenize(texts: list[str]) -> list[list[str]]:
        missing = list(dict.fromkeys(t for t in texts if t not in seen))
        if missing:
            seen.update(zip(missing, analyze(missing), strict=True))
        return [seen[t] for t in texts]

    return tokenize
