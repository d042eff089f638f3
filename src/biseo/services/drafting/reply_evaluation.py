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

from biseo.domain.complaints.routing import stable_unit
from biseo.domain.drafting.lint import Severity, lint
from biseo.domain.drafting.notation import normalize_notation
from biseo.domain.drafting.rouge import rouge
from biseo.domain.errors import InvalidInput
from biseo.domain.json_values import JsonObject
from biseo.services.ai.llm import GuardedChat
from biseo.services.drafting.citations import CitationStatus, CitationVerifier
from biseo.services.drafting.past_answers import PastAnswer, PastAnswerIndex, read_past_answers
from biseo.services.drafting.replies import ReplyService
from biseo.services.drafting.reply_findings import SpecificsFinder
from biseo.services.privacy import Privacy

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
) -> JsonObject:
    rows = _answered(path)
    index = index_of(rows)
    service = make_service(index)
    foreign = ForeignCheck(service.specifics, rows)
    same_answer = _same_answer_ids(rows)
    biseo: dict[str, list[float]] = {"rougeL": [], "lint": [], "valid": [], "citations": []}
    base: dict[str, list[float]] = {"rougeL": [], "lint": [], "valid": [], "citations": []}
    values = leaks = considered = kept = 0
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
        baseline_text = _nearest_answer(index, row, exclude)
        foreign.count("biseo", draft.text, row)
        foreign.count("baseline", baseline_text, row)
        considered, kept = considered + draft.findings_considered, kept + draft.findings_kept
        _score_baseline(base, baseline_text, reference, morphemes, verifier)
        outgoing = capture.lines[lines_before:] + _sent(chat, sent_before)
        found, leaked = _leaks(privacy, f"{row.title}\n{row.content}", outgoing)
        values, leaks = values + found, leaks + leaked
    return {
        "complaints": len(biseo["rougeL"]),
        "past_answers": len(index) - 1,
        "mode": "model" if chat else "template",
        "biseo": {
            **_summary(biseo),
            "pii_values": values,
            "pii_leaks": leaks,
            **foreign.summary("biseo"),
            "findings_kept_share": round(kept / considered, 4) if considered else None,
        },
        "baseline": {**_summary(base), **foreign.summary("baseline")},
    }


def _nearest_answer(index: PastAnswerIndex, row: PastAnswer, exclude: set[str]) -> str:
    """The baseline: the most similar other complaint's answer, sent as it is."""
    nearest = index.similar(row.title, row.content, k=1, exclude=exclude)
    return nearest[0].answer.answer if nearest else ""


def _sent(chat: GuardedChat | None, since: int) -> list[str]:
    """What the model was sent since ``since`` (none without a model)."""
    return [m.content for sent in chat.sent[since:] for m in sent.messages] if chat else []


def _answered(path: Path) -> list[PastAnswer]:
    rows = [r for r in read_past_answers(path) if r.answer.strip() and (r.title.strip() or r.content.strip())]
    if not rows:
        raise InvalidInput(f"no answered complaints in {path}", message_ko="답변이 있는 민원이 없습니다.")
    return rows


def _same_answer_ids(rows: Sequence[PastAnswer]) -> dict[str, list[str]]:
    """Complaints answered with the very same text (a template answer): none may serve another."""
    same: dict[str, list[str]] = {}
    for row in rows:
        same.setdefault(" ".join(row.answer.split()), []).append(row.id)
    return same


def _score_baseline(
    base: dict[str, list[float]],
    text: str,
    reference: list[str],
    morphemes: Callable[[str], list[str]],
    verifier: CitationVerifier,
) -> None:
    """The baseline (the nearest past answer sent as it is), scored like biseo's draft."""
    _score(base, text, reference, morphemes, lint(text))
    checks = verifier.verify(text)
    base["valid"].append(sum(c.status is CitationStatus.VERIFIED for c in checks))
    base["citations"].append(len(checks))


def _leaks(privacy: Privacy, request: str, outgoing: list[str]) -> tuple[int, int]:
    """How many personal values the complaint holds, and how many of them left the process."""
    secrets = {s.text for s in privacy.detector.detect(request) if len(s.text) >= 2}
    return len(secrets), sum(1 for value in secrets if any(value in line for line in outgoing))


class ForeignCheck:
    """Drafts carrying another case's specifics: a name, address, place, date, plate, phone, case
    number or amount found in some past answer (read whole, in its own context) that the complaint
    itself does not state. The answering unit's own name and offices (the contact line, 송월동
    행정복지센터 for 송월동) and law names are not counted."""

    def __init__(self, finder: SpecificsFinder, rows: Sequence[PastAnswer]) -> None:
        found = {v for row in rows for s in finder.find(row.answer) if len(v := _compact(s.text)) >= 2}
        # a value in more than 1% of the answers is the office's vocabulary (or a detector's misfire on
        # a common word, 드립니), not one case's detail
        answers = [_compact(row.answer) for row in rows]
        limit = max(2, len(answers) // 100)
        self.values = {v for v in found if sum(1 for a in answers if v in a) <= limit}
        self.drafts: dict[str, list[int]] = {"biseo": [], "baseline": []}
        self.examples: dict[str, list[str]] = {"biseo": [], "baseline": []}

    def count(self, who: str, text: str, row: PastAnswer) -> None:
        stated = f"{row.title}\n{row.content}"  # as written, and as the 요지 quotes it (2019. 4. 29., 17:00)
        own = _compact(f"{stated}{normalize_notation(stated)}{row.department or ''}")
        body = _compact(text)
        unit = _compact(stable_unit(row.department) or "") if row.department else ""
        found = sorted(
            v
            for v in self.values
            if v in body and v not in own and not (unit and v.startswith(unit)) and not _LAW_NAME.search(v)
        )
        self.drafts[who].append(len(found))
        if found and len(self.examples[who]) < 20:
            self.examples[who].append(f"{row.id}: {', '.join(found[:5])}")

    def summary(self, who: str) -> JsonObject:
        counts = self.drafts[who]
        return {
            "drafts_with_foreign_specifics": sum(1 for c in counts if c),
            "foreign_specifics": sum(counts),
            "foreign_examples": self.examples[who][:5],
        }


_LAW_NAME = re.compile(r"(?:법|법률|시행령|시행규칙|규칙|조례)$")  # a law's name is nobody's detail


def _compact(text: str) -> str:
    return re.sub(r"[\s.,·\-()]", "", text)


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
