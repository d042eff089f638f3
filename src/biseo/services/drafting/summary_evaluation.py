"""``biseo eval summarize``: summaries of precedents' 판례내용 against their 판결요지 (ROUGE on Kiwi
morphemes), with a lead baseline (the first sentences, same budget and cleaning) in the same run.

``biseo`` and ``baseline`` score the chosen source sentences (what is selected); ``outline`` scores
the 개조식 lines as shown against the 판결요지 with its endings converted the same way (the court
writes sentences, so both sides get the same noun endings). On press releases the output adds the
share of 개조식 lines that still end like a sentence (다., 요., 니다.) and titles that are file names.
"""

from __future__ import annotations

import re
from pathlib import Path
from statistics import mean
from typing import Any

from biseo.domain.drafting.outline import ends_as_sentence
from biseo.domain.drafting.rouge import rouge
from biseo.domain.drafting.summary import Style, Summary, candidates, clean
from biseo.domain.errors import BiseoError, InvalidInput
from biseo.domain.json_values import JsonObject
from biseo.services.drafting.summaries import SummaryService, budget_for

_SECTION = re.compile(r"^## (.+?)\s*$", re.MULTILINE)


def sections(markdown: str) -> dict[str, str]:
    parts = _SECTION.split(markdown)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def lead(service: SummaryService, text: str) -> list[str]:
    budget, used, out = budget_for(text), 0, []
    for start, end in candidates(text, service.tools.sentences(text)):
        if used >= budget:
            break
        out.append(clean(text[start:end]))
        used += end - start
    return out


def outlined(service: SummaryService, text: str) -> str:
    """A text's sentences with 개조식 endings, as the summary's lines get them."""
    return " ".join(service.outline(text[s:e]) for s, e in service.tools.sentences(text))


def evaluate(service: SummaryService, directory: Path, limit: int | None = None) -> JsonObject:
    files = sorted(directory.glob("*.md"))
    if not files:
        raise InvalidInput(f"no precedents in {directory}", message_ko="판례 파일(.md)을 찾지 못했습니다.")
    scores: dict[str, list[dict[str, float]]] = {"biseo": [], "baseline": [], "outline": []}
    for path in files:
        if limit is not None and len(scores["biseo"]) >= limit:
            break
        parts = sections(path.read_text(encoding="utf-8"))
        body, gold = parts.get("판례내용", ""), parts.get("판결요지", "")
        if not body or not gold:
            continue
        summary = service.summarize_text(body)
        chosen = " ".join(clean(body[b.start : b.end]) for b in summary.bullets)
        scores["biseo"].append(_rouge(service, chosen, gold))
        scores["baseline"].append(_rouge(service, " ".join(lead(service, body)), gold))
        lines = " ".join(b.text for b in summary.bullets)
        scores["outline"].append(_rouge(service, lines, outlined(service, gold)))
    return _means(scores)


def _rouge(service: SummaryService, summary: str, reference: str) -> dict[str, float]:
    return rouge(service.tools.morphemes(summary), service.tools.morphemes(reference))


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


def evaluate_press(service: SummaryService, directory: Path, limit: int | None = None) -> JsonObject:
    """The second set: each HWP/HWPX press release's body summarized (3줄) against its headline and
    부제; the lead baseline takes the body's first three sentences. Each whole release is also
    summarized in 개조식, as ``biseo summarize FILE`` does, to measure the form of its lines."""
    if service.parser is None:
        raise InvalidInput("no parser", message_ko="파일을 읽을 수 없습니다.")
    files = sorted(p for p in directory.rglob("*") if p.suffix.lower() in (".hwp", ".hwpx"))
    scores: dict[str, list[dict[str, float]]] = {"biseo": [], "baseline": []}
    outlines: list[tuple[Summary, str]] = []
    for path in files:
        if limit is not None and len(scores["biseo"]) >= limit:
            break
        try:
            data = path.read_bytes()
            text = service.parser.parse(data, path.name).text
        except BiseoError:
            continue  # 배포용 or broken files are the parsers' tests, not this one's
        body, gold = press_parts(text)
        if len(body) < 200 or len(gold) < 20:
            continue
        summary = " ".join(b.text for b in service.summarize_text(body, style=Style.THREE_LINES).bullets)
        first = candidates(body, service.tools.sentences(body))[:3]
        baseline = " ".join(clean(body[s:e]) for s, e in first)
        scores["biseo"].append(_rouge(service, summary, gold))
        scores["baseline"].append(_rouge(service, baseline, gold))
        outlines.append((service.summarize_file(data, path.name), path.stem))
    return {**_means(scores), "outline_form": outline_form(outlines)}


def outline_form(summaries: list[tuple[Summary, str]]) -> JsonObject:
    """개조식 lines that still end like a sentence (target ≤ 5%), and titles that are file names."""
    lines = [b.text for summary, _ in summaries for b in summary.bullets]
    narrative = sum(ends_as_sentence(line) for line in lines)
    return {
        "lines": len(lines),
        "sentence_endings": narrative,
        "sentence_ending_share": round(narrative / len(lines), 4) if lines else 0.0,
        "titles_from_file_name": sum(s.title.strip() == stem.strip() for s, stem in summaries),
        "untitled": sum(not s.title for s, _ in summaries),
    }


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
