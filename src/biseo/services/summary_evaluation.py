"""``biseo eval summarize``: summaries of precedents' 판례내용 against their 판결요지 (ROUGE on Kiwi
morphemes), with a lead baseline (the first sentences, same budget and cleaning) in the same run."""

from __future__ import annotations

import re
from pathlib import Path
from statistics import mean
from typing import Any

from biseo.domain.drafting.rouge import rouge
from biseo.domain.drafting.summary import candidates, clean
from biseo.domain.errors import InvalidInput
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
    return {
        "docs": len(scores["biseo"]),
        **{
            who: {
                k: round(mean(s[k] for s in rows), 4) if rows else 0.0 for k in ("rouge1", "rouge2", "rougeL")
            }
            for who, rows in scores.items()
        },
    }
