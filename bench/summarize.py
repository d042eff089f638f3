"""Summary benchmark; prints one JSON line.

    .venv/bin/python bench/summarize.py [--pages 100]

A "100-page document" is real precedent text (판례내용 of ../shared/data/precedents, in file order)
concatenated to 1,800 characters per page. Timed: the no-LLM extractive summary (Kiwi sentence
splits, morphemes, TF-IDF centrality, cues, selection). Baseline in the same run: the lead summary,
which only splits sentences. Target: under 5 s on two cores.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from biseo.adapters.text.kiwi_text import KiwiText
from biseo.services.drafting.summaries import SummaryService
from biseo.services.drafting.summary_evaluation import lead, sections

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "precedents"
PAGE = 1800


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    parts, size = [], 0
    for path in sorted(SHARED.glob("*.md")):
        body = sections(path.read_text(encoding="utf-8")).get("판례내용", "")
        parts.append(body)
        size += len(body)
        if size >= args.pages * PAGE:
            break
    text = "\n".join(parts)[: args.pages * PAGE]
    service = SummaryService(KiwiText())
    service.summarize_text("워밍업 문장입니다. 두 번째 문장이라고 할 것이다.")  # Kiwi loads once
    started = time.perf_counter()
    summary = service.summarize_text(text)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    lead(service, text)
    lead_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "benchmark": "summarize",
                "pages": args.pages,
                "chars": len(text),
                "sentences": len(service.tools.sentences(text)),
                "bullets": len(summary.bullets),
                "seconds": round(seconds, 2),
                "baseline_lead_seconds": round(lead_seconds, 2),
                "ratio_over_lead": round(seconds / lead_seconds, 2),
                "target_seconds": 5,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
