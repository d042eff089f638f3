"""Wiring of the evaluations that need a whole installation (search on a throwaway workspace) or
compare engines (routing against its baseline). Sits above the container: it builds ``Services``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from biseo.bootstrap.adapters import build_analyzer, build_dense, build_index, build_parser, build_token_cache
from biseo.bootstrap.complaints import build_routing_embedder
from biseo.bootstrap.container import Services, build_services
from biseo.config import Settings
from biseo.services.complaints.routing_evaluation import RoutingEvaluation
from biseo.services.search.evaluation import Engine, SearchEvaluation
from biseo.services.search.indexing import IndexingService
from biseo.services.search.service import SearchService


def build_search_evaluation(
    settings: Settings, workdir: Path, *, dense: bool = False
) -> tuple[SearchEvaluation, Services]:
    """A throwaway workspace under ``workdir`` (store, biseo and baseline indexes) that shares the
    user's token and vector caches, so a second evaluation re-analyses and re-embeds nothing.
    With ``dense`` the biseo engine fuses the configured embedder (``local`` if none is) and the
    report adds biseo's lexical-only ranking from the same index."""
    services = build_services(dataclasses.replace(settings, home=workdir, database_url="", dense="off"))
    engines = []
    retrieval = None
    if dense:
        mode = settings.dense if settings.dense.strip().lower() != "off" else "local"
        retrieval = build_dense(dataclasses.replace(settings, dense=mode), workdir / "dense")
    for baseline in (False, True):
        analyzer = build_analyzer(baseline=baseline)
        index = build_index(workdir / ("baseline" if baseline else "biseo"), baseline=baseline)
        search = SearchService(
            store=services.store,
            index=index,
            analyzer=analyzer,
            use_references=not baseline,
            dense=None if baseline else retrieval,
        )
        cache = build_token_cache(settings)
        indexing = IndexingService(
            services.store,
            index,
            analyzer,
            cache,
            workers=settings.analysis_workers,
            dense=None if baseline else retrieval,
        )
        engines.append(Engine(indexing=indexing, search=search))
    lexical = None
    if retrieval is not None:
        biseo = engines[0].search
        lexical = SearchService(store=services.store, index=biseo.index, analyzer=biseo.analyzer)
    evaluation = SearchEvaluation(
        services.store, services.ingest, engines[0], engines[1], build_parser(), lexical=lexical
    )
    return evaluation, services


def build_route_evaluation(settings: Settings) -> RoutingEvaluation:
    """biseo's router (Kiwi TF-IDF + e5 vectors, logistic regression + similar past cases) against
    a word TF-IDF + linear SVM baseline, both on scikit-learn."""
    from biseo.adapters.embedding.memo import MemoEmbedder
    from biseo.adapters.routing.linear_router import KoreanRouter, WordSvmBaseline

    found = build_routing_embedder(settings)
    embedder = MemoEmbedder(found) if found else None  # folds share most texts: embed each once
    return RoutingEvaluation(
        analyzer=build_analyzer(),
        biseo=lambda: KoreanRouter(embedder),
        baseline=WordSvmBaseline,
        embeddings=embedder.name if embedder else None,
    )
