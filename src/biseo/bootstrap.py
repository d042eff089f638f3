"""The one place that names concrete adapters. CLI, API and tests all call ``build_services``."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from biseo.config import Settings
from biseo.domain.calendar import BusinessCalendar
from biseo.services.documents import DocumentService
from biseo.services.indexing import IndexingService
from biseo.services.ingest import IngestService
from biseo.services.ports import Analyzer, DocumentStore, LexicalIndex, TokenCache
from biseo.services.search import SearchService
from biseo.services.search_evaluation import Engine, SearchEvaluation


@dataclass
class Services:
    settings: Settings
    store: DocumentStore
    ingest: IngestService
    documents: DocumentService
    indexing: IndexingService
    search: SearchService

    def close(self) -> None:
        self.indexing.index.close()
        self.indexing.cache.close()
        self.store.close()


def build_calendar(settings: Settings, years: range) -> BusinessCalendar:
    """관공서 business days: the holidays package, corrected by ``BISEO_HOLIDAYS_FILE`` when set."""
    from biseo.adapters.calendar.holiday_source import business_calendar

    return business_calendar(years, Path(settings.holidays_file) if settings.holidays_file else None)


def build_store(settings: Settings) -> DocumentStore:
    if settings.uses_postgres:
        from biseo.adapters.storage.postgres_store import PostgresDocumentStore

        return PostgresDocumentStore(settings.database_url)
    from biseo.adapters.storage.sqlite_store import SqliteDocumentStore

    return SqliteDocumentStore(settings.sqlite_path)


def build_analyzer(*, baseline: bool = False) -> Analyzer:
    """Kiwi morphemes, or for evaluation the whitespace baseline."""
    if baseline:
        from biseo.adapters.search.whitespace_analyzer import WhitespaceAnalyzer

        return WhitespaceAnalyzer()
    from biseo.adapters.search.kiwi_analyzer import KiwiAnalyzer

    return KiwiAnalyzer()


def build_index(path: Path, *, baseline: bool = False) -> LexicalIndex:
    from biseo.adapters.search.tantivy_index import TantivyIndex

    return TantivyIndex(path, max_query_terms=None) if baseline else TantivyIndex(path)


def build_token_cache(settings: Settings) -> TokenCache:
    from biseo.adapters.search.token_cache import TokenCache as SqliteTokenCache

    return SqliteTokenCache(settings.cache_path / "tokens.sqlite")


def build_services(settings: Settings | None = None) -> Services:
    from biseo.adapters.parsers import ContentParser

    settings = settings or Settings.load()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    store = build_store(settings)
    ingest = IngestService(
        store=store,
        parser=ContentParser(),
        max_bytes=settings.max_file_bytes,
        workers=settings.workers,
        budget=settings.segment_budget,
    )
    analyzer = build_analyzer()
    index = build_index(settings.home / "index" / "lexical")
    search = SearchService(store=store, index=index, analyzer=analyzer)
    indexing = IndexingService(
        store=store,
        index=index,
        analyzer=analyzer,
        cache=build_token_cache(settings),
        workers=settings.analysis_workers,
        on_change=search.forget,
    )
    return Services(settings, store, ingest, DocumentService(store), indexing, search)


def build_search_evaluation(settings: Settings, workdir: Path) -> tuple[SearchEvaluation, Services]:
    """A throwaway workspace under ``workdir`` (store, biseo and baseline indexes) that shares the
    user's token cache, so a second evaluation re-analyses nothing."""
    from biseo.adapters.parsers import ContentParser

    services = build_services(dataclasses.replace(settings, home=workdir, database_url=""))
    engines = []
    for baseline in (False, True):
        analyzer = build_analyzer(baseline=baseline)
        index = build_index(workdir / ("baseline" if baseline else "biseo"), baseline=baseline)
        search = SearchService(
            store=services.store, index=index, analyzer=analyzer, use_references=not baseline
        )
        cache = build_token_cache(settings)
        indexing = IndexingService(services.store, index, analyzer, cache, workers=settings.analysis_workers)
        engines.append(Engine(indexing=indexing, search=search))
    evaluation = SearchEvaluation(services.store, services.ingest, engines[0], engines[1], ContentParser())
    return evaluation, services
