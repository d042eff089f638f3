"""민원 reply-draft benchmark; prints one JSON line.

    .venv/bin/python bench/reply.py [--drafts 100]

Setup (not timed): the demo statutes shipped in ``demo/corpus/laws`` are ingested into a temporary
store, and the shared dev complaints (../shared/data/complaints) become the past answers.
Timed: building the past-answer index once, adding one newly answered case to it, then template-mode drafts (no LLM) for the first
``--drafts`` complaints, each excluding its own answer: retrieval, statute search, assembly, citation
verification and the 공문서 lint. Baseline in the same run: the retrieval-only answer (the nearest past
answer), so ``ratio_over_retrieval`` is what drafting costs on top of finding the answer.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.services.drafting.past_answers import PastAnswerIndex, read_past_answers
from biseo.services.drafting.replies import ReplyService

REPO = Path(__file__).resolve().parents[1]
COMPLAINTS = REPO.parent / "shared" / "data" / "complaints" / "incheon_junggu_dev.csv"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        services = build_services(Settings.load({"BISEO_HOME": home}, log_level="ERROR"))
        try:
            services.ingest.ingest([str(REPO / "demo" / "corpus" / "laws")])
            rows = read_past_answers(COMPLAINTS)
            started = time.perf_counter()
            index = PastAnswerIndex(services.search.analyzer, rows)
            index_seconds = time.perf_counter() - started
            started = time.perf_counter()  # a case answered since: only it is analysed
            index.add([replace(rows[0], id="new-case")])
            add_one_seconds = time.perf_counter() - started
            index.remove(["new-case"])
            replies = ReplyService(services.search, services.citations, lambda: index, None)
            sample = index.answers[: args.drafts]
            replies.draft(sample[0].title, sample[0].content)  # warm-up: Kiwi, statute directory
            drafts, retrievals, lint_passed = [], [], 0
            for row in sample:
                started = time.perf_counter()
                draft = replies.draft(row.title, row.content, exclude={row.id}, department=row.department)
                drafts.append(time.perf_counter() - started)
                lint_passed += draft.lint_passed
                started = time.perf_counter()
                index.similar(row.title, row.content, k=1, exclude={row.id})
                retrievals.append(time.perf_counter() - started)
        finally:
            services.close()
    mean = statistics.mean(drafts)
    print(
        json.dumps(
            {
                "benchmark": "reply",
                "drafts": len(drafts),
                "past_answers": len(index),
                "index_seconds": round(index_seconds, 2),
                "add_one_answer_ms": round(add_one_seconds * 1000, 1),
                "draft_ms_p50": round(percentile(drafts, 50) * 1000, 1),
                "draft_ms_p95": round(percentile(drafts, 95) * 1000, 1),
                "draft_ms_mean": round(mean * 1000, 1),
                "baseline_retrieval_ms_mean": round(statistics.mean(retrievals) * 1000, 1),
                "ratio_over_retrieval": round(mean / statistics.mean(retrievals), 1),
                "lint_pass_rate": round(lint_passed / len(drafts), 3),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
