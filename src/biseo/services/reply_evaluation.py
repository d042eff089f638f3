"""``biseo eval reply``: a draft for every complaint in a CSV, retrieving only from the other
complaints and the stored statutes (never the complaint's own answer), scored for citation validity,
공문서 lint, personal data leaked to a model payload or a log line, and ROUGE-L against the official
answer — with a retrieval-only baseline (the most similar past answer, verbatim) in the same run.
Drafts are written as the unit that answered (a case is assigned before its reply is drafted), so
that unit's similar answers are preferred; the baseline's nearest answer ignores the unit.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from biseo.domain.drafting.lint import Severity, lint
from biseo.domain.drafting.rouge import rouge
from biseo.domain.errors import InvalidInput
from biseo.services.citations import CitationStatus, CitationVerifier
from biseo.services.llm import GuardedChat
from biseo.services.past_answers import PastAnswer, PastAnswerIndex, read_past_answers
from biseo.services.privacy import Privacy
from biseo.services.replies import ReplyService

_MARKER = re.compile(r"\s?\[\d{1,3}\]|^\s*※.*$", re.MULTILINE)


class LineCapture(logging.Handler):
    """Every formatted log line, after the handler's filters (the redactor) have run."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def evaluate(
    make_service: Callable[[PastAnswerIndex], ReplyService],
    index_of: Callable[[Sequence[PastAnswer]], PastAnswerIndex],
    morphemes: Callable[[str], list[str]],
    privacy: Privacy,
    verifier: CitationVerifier,
    path: Path,
    capture: LineCapture,
    limit: int | None = None,
    chat: GuardedChat | None = None,
) -> dict[str, Any]:
    rows = read_past_answers(path)
    rows = [r for r in rows if r.answer.strip() and (r.title.strip() or r.content.strip())]
    if not rows:
        raise InvalidInput(f"no answered complaints in {path}", message_ko="답변이 있는 민원이 없습니다.")
    index = index_of(rows)
    service = make_service(index)
    same_answer: dict[str, list[str]] = {}
    for row in rows:
        same_answer.setdefault(" ".join(row.answer.split()), []).append(row.id)
    biseo: dict[str, list[float]] = {"rougeL": [], "lint": [], "valid": [], "citations": []}
    base: dict[str, list[float]] = {"rougeL": [], "lint": [], "valid": [], "citations": []}
    values = leaks = 0
    for row in rows[:limit]:
        exclude = {row.id, *same_answer[" ".join(row.answer.split())]}
        sent_before = len(chat.sent) if chat else 0
        lines_before = len(capture.lines)
        # drafted by the unit that answered: a reply is written after the case is assigned
        draft = service.draft(row.title, row.content, exclude=exclude, department=row.department)
        reference = morphemes(row.answer)
        _score(biseo, _MARKER.sub("", draft.text), reference, morphemes, draft.lint)
        biseo["valid"].append(sum(c.status == "verified" for c in draft.citations))
        biseo["citations"].append(len(draft.citations))
        nearest = index.similar(row.title, row.content, k=1, exclude=exclude)
        baseline_text = nearest[0].answer.answer if nearest else ""
        _score(base, baseline_text, reference, morphemes, lint(baseline_text))
        checks = verifier.verify(baseline_text)
        base["valid"].append(sum(c.status is CitationStatus.VERIFIED for c in checks))
        base["citations"].append(len(checks))
        secrets = {s.text for s in privacy.detector.detect(f"{row.title}\n{row.content}") if len(s.text) >= 2}
        outgoing = capture.lines[lines_before:]
        if chat:
            outgoing += [m.content for sent in chat.sent[sent_before:] for m in sent.messages]
        values += len(secrets)
        leaks += sum(1 for value in secrets if any(value in line for line in outgoing))
    return {
        "complaints": len(biseo["rougeL"]),
        "past_answers": len(index) - 1,
        "mode": "model" if chat else "template",
        "biseo": {**_summary(biseo), "pii_values": values, "pii_leaks": leaks},
        "baseline": _summary(base),
    }


def _score(
    into: dict[str, list[float]],
    text: str,
    reference: list[str],
    morphemes: Callable[[str], list[str]],
    issues: Any,
) -> None:
    into["rougeL"].append(rouge(morphemes(text), reference)["rougeL"] if text else 0.0)
    into["lint"].append(float(not any(i.severity is Severity.ERROR for i in issues)))


def _summary(scores: dict[str, list[float]]) -> dict[str, Any]:
    citations = int(sum(scores["citations"]))
    return {
        "citation_validity": round(sum(scores["valid"]) / citations, 4) if citations else 1.0,
        "citations": citations,
        "lint_pass_rate": round(mean(scores["lint"]), 4),
        "rougeL": round(mean(scores["rougeL"]), 4),
    }
