"""Wiring of the evaluations (search, routing) and of routing itself."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from biseo.bootstrap._core import (
    Services,
    build_analyzer,
    build_dense,
    build_embedder,
    build_index,
    build_services,
    build_token_cache,
)
from biseo.config import Settings
from biseo.services.indexing import IndexingService
from biseo.services.ports import Embedder
from biseo.services.routing import RoutingService
from biseo.services.routing_evaluation import LabelledComplaint, RoutingEvaluation
from biseo.services.search import SearchService
from biseo.services.search_evaluation import Engine, SearchEvaluation


def build_search_evaluation(
    settings: Settings, workdir: Path, *, dense: bool = False
) -> tuple[SearchEvaluation, Services]:
    """A throwaway workspace under ``workdir`` (store, biseo and baseline indexes) that shares the
    user's token and vector caches, so a second evaluation re-analyses and re-embeds nothing.
    With ``dense`` the biseo engine fuses the configured embedder (``local`` if none is) and the
    report adds biseo's lexical-only ranking from the same index."""
    from biseo.adapters.parsers import ContentParser

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
        services.store, services.ingest, engines[0], engines[1], ContentParser(), lexical=lexical
    )
    return evaluation, services


def build_routing_embedder(settings: Settings) -> Embedder | None:
    """Sentence vectors for routing: the configured embedder when dense retrieval is on, else the
    local e5 when the dense extra is installed (routing embeds only a few thousand short texts),
    else None (TF-IDF only). ``BISEO_ROUTE_EMBEDDINGS=off`` turns them off."""
    if settings.route_embeddings.strip().lower() == "off":
        return None
    if settings.dense.strip().lower() != "off":
        return build_embedder(settings)
    try:
        from biseo.adapters.embedding.local_e5 import LocalE5Embedder

        return LocalE5Embedder(max_tokens=256, precision=settings.embedding_precision)
    except ImportError:
        return None


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


def routing_history(settings: Settings, agency: str) -> list[LabelledComplaint]:
    """The agency's closed cases as routing examples (the unit that answered, after reassignment)."""
    from biseo.adapters.storage.case_store import SqlCaseStore
    from biseo.bootstrap._core import build_database
    from biseo.services.routing import case_history

    database = build_database(settings)  # only the database: no search index, embedder or calendar
    try:
        return case_history(SqlCaseStore(database).answered_cases(agency))
    finally:
        database.close()


def build_routing(settings: Settings) -> RoutingService:
    """The department router trained from answered complaints, kept under ``$BISEO_HOME/models``."""
    from biseo.adapters.routing.linear_router import KoreanRouter
    from biseo.adapters.routing.model_file import PickledRouterStore

    embedder = build_routing_embedder(settings)
    return RoutingService(
        analyzer=build_analyzer(),
        make_router=lambda: KoreanRouter(embedder),
        models=PickledRouterStore(settings.home / "models" / "router.pkl", embedder),
    )
