"""``biseo eval summarize``: summaries of precedents' 판례내용 against their 판결요지 (ROUGE on Kiwi
morphemes), with a lead baseline (the first sentences, same budget and cleaning) in the same run."""

from __future__ import annotations

import re
from pathlib import Path
from statistics import mean
from typing import Any

from biseo.domain.drafting.rouge import rouge
from biseo.domain.drafting.summary import Style, candidates, clean
from biseo.domain.errors import BiseoError, InvalidInput
from biseo.services.summaries import SummaryService, budget_for

_SECTION = re.compile(r"^## (.+?)\s*$", re.MULTILINE)


def sections(markdown: str) -> dict[str, str]:
    parts = _SECTION.split(markdown)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def lead(service: SummaryService, text: str) -> str:
    budget, used, out = budget_for(text), 0, []
    for start, end in candidates(text, service.tools.sentences(text)):
        if used >= budget:
            break
        out.append(clean(text[start:end]))
        used += end - start
    return " ".join(out)


def evaluate(service: SummaryService, directory: Path, limit: int | None = None) -> dict[str, Any]:
    files = sorted(directory.glob("*.md"))
    if not files:
        raise InvalidInput(f"no precedents in {directory}", message_ko="판례 파일(.md)을 찾지 못했습니다.")
    scores: dict[str, list[dict[str, float]]] = {"biseo": [], "baseline": []}
    for path in files:
        if limit is not None and len(scores["biseo"]) >= limit:
            break
        parts = sections(path.read_text(encoding="utf-8"))
        body, gold = parts.get("판례내용", ""), parts.get("판결요지", "")
        if not body or not gold:
            continue
        reference = service.tools.morphemes(gold)
        summary = " ".join(b.text for b in service.summarize_text(body).bullets)
        scores["biseo"].append(rouge(service.tools.morphemes(summary), reference))
        scores["baseline"].append(rouge(service.tools.morphemes(lead(service, body)), reference))
    return _means(scores)


_ATTACHMENT = re.compile(r"^\s*(?:\*\*)?붙\s*임(?=[\s.:\d①-⑳]|$)")
_MARKS = "-–—‐ㅡ◇◆▷▶·•○ "


def press_parts(text: str) -> tuple[str, str]:
    """(body, reference) of a press release: the headline and 부제 — every line between the 보도
    header and the first full sentence (50+ characters ending in 다.) — summarize the body after it,
    up to 붙임. Tables (the header, the 담당 부서 box) belong to neither."""
    reference: list[str] = []
    body: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("|") or (not reference and "보도" in line and len(line) < 40):
            continue
        if _ATTACHMENT.match(line):
            break
        if not body and not (len(line) >= 50 and line.rstrip().endswith("다.")):
            reference.append(line.strip(_MARKS))
        else:
            body.append(line)
    return "\n".join(body), "\n".join(r for r in reference if r)


def evaluate_press(service: SummaryService, directory: Path, limit: int | None = None) -> dict[str, Any]:
    """The second set: each HWP/HWPX press release's body summarized (3줄) against its headline and
    부제; the lead baseline takes the body's first three sentences."""
    if service.parser is None:
        raise InvalidInput("no parser", message_ko="파일을 읽을 수 없습니다.")
    files = sorted(p for p in directory.rglob("*") if p.suffix.lower() in (".hwp", ".hwpx"))
    scores: dict[str, list[dict[str, float]]] = {"biseo": [], "baseline": []}
    for path in files:
        if limit is not None and len(scores["biseo"]) >= limit:
            break
        try:
            text = service.parser.parse(path.read_bytes(), path.name).text
        except BiseoError:
            continue  # 배포용 or broken files are the parsers' tests, not this one's
        body, gold = press_parts(text)
        if len(body) < 200 or len(gold) < 20:
            continue
        reference = service.tools.morphemes(gold)
        summary = " ".join(b.text for b in service.summarize_text(body, style=Style.THREE_LINES).bullets)
        first = candidates(body, service.tools.sentences(body))[:3]
        baseline = " ".join(clean(body[s:e]) for s, e in first)
        scores["biseo"].append(rouge(service.tools.morphemes(summary), reference))
        scores["baseline"].append(rouge(service.tools.morphemes(baseline), reference))
    return _means(scores)


def _means(scores: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    return {
        "docs": len(scores["biseo"]),
        **{
            who: {
                k: round(mean(s[k] for s in rows), 4) if rows else 0.0 for k in ("rouge1", "rouge2", "rougeL")
            }
            for who, rows in scores.items()
        },
    }
