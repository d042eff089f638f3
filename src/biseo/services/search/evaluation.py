"""`biseo eval search`: retrieval quality on labelled precedents, against a whitespace BM25 baseline.

Each labelled precedent's 판시사항 (or 판결요지) is a query; the articles it cites are the relevant
answers. Scored at article level (법령 file + 제N조) and at law level (the file), because many
precedents cite an older version of a law whose article numbers have since moved.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biseo.domain.json_values import JsonObject
from biseo.domain.search.articles import parse_article_label
from biseo.domain.search.metrics import bootstrap_ci, mean, summarize
from biseo.domain.search.query import SearchQuery
from biseo.services.documents.ingest import IngestService
from biseo.services.ports import DocumentParser, DocumentStore
from biseo.services.search.indexing import IndexingService
from biseo.services.search.service import SearchService

LAW_PREFIX = "kr/"
PRECEDENT_PREFIX = "일반행정/대법원/"
DEPTH = 100


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    precedent: str
    text: str
    articles: frozenset[str]  # "<law file relative to laws dir>#제N조"
    laws: frozenset[str]


@dataclass
class Engine:
    indexing: IndexingService
    search: SearchService


@dataclass
class SearchEvaluation:
    store: DocumentStore
    ingest: IngestService
    biseo: Engine
    baseline: Engine
    parser: DocumentParser
    lexical: SearchService | None = None  # with dense on: biseo's BM25-only ranking, same index

    def run(
        self,
        labels: Path,
        precedents: Path,
        laws: Path,
        *,
        query_field: str = "판시사항",
        limit: int | None = None,
    ) -> JsonObject:
        started = time.perf_counter()
        queries = load_queries(labels, precedents, laws, self.parser, query_field, limit)
        report = self.ingest.ingest([str(laws)])
        for engine in (self.biseo, self.baseline):
            engine.indexing.sync()
        summaries = self.store.summaries(limit=10_000_000)
        sources = {d.id: _relative(d.source, laws) for d in summaries}
        titles = {d.id: d.title for d in summaries}
        scores: dict[str, dict[str, list[dict[str, float]]]] = {}
        rankers = [("biseo", self.biseo.search), ("baseline", self.baseline.search)]
        if self.lexical is not None:
            rankers.append(("lexical", self.lexical))
        for name, search in rankers:
            per_level: dict[str, list[dict[str, float]]] = {"article": [], "law": []}
            for q in queries:
                article_keys, law_keys = self._ranked(search, q.text, sources, titles)
                per_level["article"].append(summarize(article_keys, set(q.articles)))
                per_level["law"].append(summarize(law_keys, set(q.laws)))
            scores[name] = per_level
        result = _report(queries, scores, len(report.failed), time.perf_counter() - started)
        dense = self.biseo.search.dense
        if dense is not None:
            result["dense_model"] = dense.embedder.name
        return result

    def _ranked(
        self, search: SearchService, text: str, sources: dict[str, str], titles: dict[str, str]
    ) -> tuple[list[str], list[str]]:
        ranked, _ = search.rank(" ".join(text.split())[:1000], SearchQuery(text=text, limit=DEPTH))
        article_keys: list[str] = []
        law_keys: list[str] = []
        for (document_id, number), _score, _exact in ranked or []:
            law = sources.get(document_id)
            if law is None:
                continue
            law_keys.append(law)
            segment = self.store.segment(document_id, number)
            if segment is not None and segment.kind == "article":
                ref = parse_article_label(segment.label.removeprefix(titles[document_id]))
                if ref is not None:
                    article_keys.append(f"{law}#{ref.article_label}")
        return article_keys, law_keys


def load_queries(
    labels: Path, precedents: Path, laws: Path, parser: DocumentParser, field: str, limit: int | None
) -> list[LabelledQuery]:
    queries: list[LabelledQuery] = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        path = precedents / str(row["precedent"]).removeprefix(PRECEDENT_PREFIX)
        cited = [(str(c["law"]).removeprefix(LAW_PREFIX), str(c["article"])) for c in row.get("cited", [])]
        cited = [(law, article) for law, article in cited if (laws / law).is_file()]
        if not path.is_file() or not cited:
            continue
        text = _section(parser, path, field)
        if not text:
            continue
        queries.append(
            LabelledQuery(
                precedent=str(row["precedent"]),
                text=text,
                articles=frozenset(f"{law}#{_article(article)}" for law, article in cited),
                laws=frozenset(law for law, _ in cited),
            )
        )
        if limit is not None and len(queries) >= limit:
            break
    return queries


def _article(label: str) -> str:
    ref = parse_article_label(label)
    return ref.article_label if ref else label


def _section(parser: DocumentParser, path: Path, field: str) -> str:
    parsed = parser.parse(path.read_bytes(), path.name)
    for heading in parsed.headings:
        if heading.title == field:
            body = parsed.text[heading.start : heading.end]
            return body[len(heading.title) :].strip()
    return ""


def _relative(source: str, root: Path) -> str:
    try:
        return str(Path(source).resolve().relative_to(root.resolve()))
    except ValueError:
        return source


def _report(
    queries: list[LabelledQuery],
    scores: dict[str, dict[str, list[dict[str, float]]]],
    failed: int,
    seconds: float,
) -> dict[str, Any]:
    def averaged(name: str) -> dict[str, dict[str, float]]:
        return {
            level: {
                m: round(mean([row[m] for row in rows]), 4)
                for m in ("ndcg@10", "recall@10", "recall@100", "mrr")
            }
            for level, rows in scores[name].items()
        }

    ours = [row["ndcg@10"] for row in scores["biseo"]["article"]]
    theirs = [row["ndcg@10"] for row in scores["baseline"]["article"]]

    def ratio(indices: list[int]) -> float:
        base = mean([theirs[i] for i in indices])
        return mean([ours[i] for i in indices]) / base if base else 0.0

    n = len(queries)
    biseo_ci = bootstrap_ci(n, lambda idx: mean([ours[i] for i in idx]))
    ratio_ci = bootstrap_ci(n, ratio)
    report: dict[str, Any] = {
        "queries": n,
        "biseo": averaged("biseo"),
        "baseline": averaged("baseline"),
        "ratio": {"article_ndcg@10": round(ratio(list(range(n))), 3) if n else 0.0},
        "ci95": {
            "biseo_article_ndcg@10": [round(x, 4) for x in biseo_ci],
            "ratio_article_ndcg@10": [round(x, 3) for x in ratio_ci],
        },
        "failed_law_files": failed,
        "seconds": round(seconds, 1),
    }
    if "lexical" in scores:  # dense on: does fusing embeddings beat biseo's lexical ranking?
        lexical = [row["ndcg@10"] for row in scores["lexical"]["article"]]

        def gain(indices: list[int]) -> float:
            base = mean([lexical[i] for i in indices])
            return mean([ours[i] for i in indices]) / base if base else 0.0

        report["lexical"] = averaged("lexical")
        report["ratio"]["hybrid_over_lexical_article_ndcg@10"] = round(gain(list(range(n))), 3) if n else 0.0
        report["ci95"]["hybrid_over_lexical_article_ndcg@10"] = [round(x, 3) for x in bootstrap_ci(n, gain)]
    return report
