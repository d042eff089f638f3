"""Core wiring: settings, store, search, ingestion, logging with personal data redacted."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from biseo.config import Settings
from biseo.domain.calendar import BusinessCalendar
from biseo.services.benefits import BenefitService
from biseo.services.citations import CitationVerifier
from biseo.services.complaints import ComplaintService
from biseo.services.dense import DenseRetrieval
from biseo.services.documents import DocumentService
from biseo.services.indexing import IndexingService
from biseo.services.ingest import IngestService
from biseo.services.llm import GuardedChat, TokenBudget
from biseo.services.ports import Analyzer, DocumentStore, Embedder, LexicalIndex, TokenCache
from biseo.services.privacy import Privacy
from biseo.services.search import SearchService
from biseo.services.summaries import SummaryService

if TYPE_CHECKING:
    from biseo.adapters.storage.database import Database


@dataclass
class Services:
    settings: Settings
    database: Database  # the one database every store works on
    store: DocumentStore
    ingest: IngestService
    documents: DocumentService
    indexing: IndexingService
    search: SearchService
    _complaints: ComplaintService | None = dataclasses.field(default=None, repr=False)
    _benefits: BenefitService | None = dataclasses.field(default=None, repr=False)
    _secret: bytes | None = dataclasses.field(default=None, repr=False)

    @property
    def installation_secret(self) -> bytes:
        """The random key made once per installation (``$BISEO_HOME/secret.key``); users derive
        keys of their own from it."""
        if self._secret is None:
            self._secret = _installation_secret(self.settings.home)
        return self._secret

    @property
    def benefits(self) -> BenefitService:  # the catalog, compiled on first use
        if self._benefits is None:
            from biseo.bootstrap._benefits import build_benefits

            self._benefits = build_benefits(self.settings)
        return self._benefits

    @property
    def complaints(self) -> ComplaintService:
        """Built on first use: commands that never touch 민원 skip the 관공서 calendar (0.16 s) and
        the installation secret."""
        if self._complaints is None:
            from biseo.bootstrap._cases import build_complaints

            self._complaints = build_complaints(
                self.settings, self.database, self.search.analyzer, self.installation_secret
            )
        return self._complaints

    def close(self) -> None:
        self.indexing.index.close()
        self.indexing.cache.close()
        if self.indexing.dense is not None:
            self.indexing.dense.index.close()
            self.indexing.dense.cache.close()
        self.database.close()


def _installation_secret(home: Path) -> bytes:
    """A random key made once per installation (keys complainants for §23 without readable data,
    seals sign-in cookies). Several workers may start at once on a fresh home: each writes a
    complete candidate under its own name and links it into place, which only the first link
    does, so all of them read the same key."""
    path = home / "secret.key"
    if not path.is_file():
        home.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=home, prefix=".secret-")  # mode 600
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    return path.read_bytes()


def build_calendar(settings: Settings, years: range) -> BusinessCalendar:
    """관공서 business days: the holidays package, corrected by ``BISEO_HOLIDAYS_FILE`` when set."""
    from biseo.adapters.calendar.holiday_source import business_calendar

    return business_calendar(years, Path(settings.holidays_file) if settings.holidays_file else None)


def build_database(settings: Settings) -> Database:
    """The installation's one database (PostgreSQL when ``BISEO_DATABASE_URL`` names one), migrated."""
    if settings.uses_postgres:
        from biseo.adapters.storage.postgres_database import PostgresDatabase

        return PostgresDatabase(settings.database_url)
    from biseo.adapters.storage.sqlite_database import SqliteDatabase

    return SqliteDatabase(settings.sqlite_path)


def build_store(database: Database) -> DocumentStore:
    from biseo.adapters.storage.document_store import SqlDocumentStore

    return SqlDocumentStore(database)


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


DENSE_MODES = ("off", "local", "openai")


def build_embedder(settings: Settings) -> Embedder | None:
    """The configured embedder, or None when dense retrieval is off."""
    mode = settings.dense.strip().lower()
    if mode not in DENSE_MODES:
        raise ValueError(f"BISEO_DENSE must be one of {', '.join(DENSE_MODES)}, not {settings.dense!r}")
    if mode == "local":
        try:
            from biseo.adapters.embedding.local_e5 import LocalE5Embedder

            return LocalE5Embedder(
                max_tokens=settings.embedding_max_tokens, precision=settings.embedding_precision
            )
        except ImportError as exc:
            raise ValueError(
                f"BISEO_DENSE=local needs the dense extra (pip install 'biseo[dense]'): {exc}"
            ) from exc
    if mode == "openai":
        if not settings.embedding_url or not settings.embedding_model:
            raise ValueError("BISEO_DENSE=openai needs BISEO_EMBEDDING_URL and BISEO_EMBEDDING_MODEL")
        from biseo.adapters.embedding.openai_embedder import OpenAIEmbedder

        return OpenAIEmbedder(
            settings.embedding_url,
            settings.embedding_model,
            api_key=settings.embedding_api_key,
            query_prefix=settings.embedding_query_prefix,
            passage_prefix=settings.embedding_passage_prefix,
        )
    return None


def build_dense(settings: Settings, path: Path, embedder: Embedder | None = None) -> DenseRetrieval | None:
    """Vectors under ``path`` for the configured (or given) embedder; None when dense is off."""
    embedder = embedder or build_embedder(settings)
    if embedder is None:
        return None
    from biseo.adapters.embedding.vector_cache import SqliteVectorCache
    from biseo.adapters.search.vector_index import NumpyVectorIndex

    return DenseRetrieval(
        embedder=embedder,
        index=NumpyVectorIndex(path),
        cache=SqliteVectorCache(settings.cache_path / "vectors.sqlite"),
        weight=settings.dense_weight,
    )


def build_services(settings: Settings | None = None) -> Services:
    from biseo.adapters.parsers import ContentParser

    settings = settings or Settings.load()
    configure_logging(settings)
    embedder = build_embedder(settings)  # first: a bad setting fails before anything is opened
    database = build_database(settings)
    store = build_store(database)
    ingest = IngestService(
        store=store,
        parser=ContentParser(),
        max_bytes=settings.max_file_bytes,
        workers=settings.workers,
        budget=settings.segment_budget,
    )
    analyzer = build_analyzer()
    index = build_index(settings.home / "index" / "lexical")
    dense = build_dense(settings, settings.home / "index" / "dense", embedder) if embedder else None
    search = SearchService(store=store, index=index, analyzer=analyzer, dense=dense)
    indexing = IndexingService(
        store=store,
        index=index,
        analyzer=analyzer,
        cache=build_token_cache(settings),
        workers=settings.analysis_workers,
        on_change=search.forget,
        dense=dense,
    )
    return Services(settings, database, store, ingest, DocumentService(store), indexing, search)


@functools.cache
def build_privacy() -> Privacy:
    """One detector per process (Kiwi takes a second to load)."""
    from biseo.adapters.privacy.korean_pii import KoreanPiiDetector

    return Privacy(KoreanPiiDetector())


def build_chat(settings: Settings) -> GuardedChat | None:
    """The configured model behind the privacy guard and token budget; None runs deterministic modes."""
    if not settings.llm_url:
        return None
    from biseo.adapters.llm.openai_chat import OpenAIChatClient

    client = OpenAIChatClient(
        settings.llm_url,
        settings.llm_model,
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout,
        retries=settings.llm_retries,
    )
    return GuardedChat(
        client,
        build_privacy(),
        TokenBudget(settings.llm_budget_tokens),
        max_prompt_tokens=settings.llm_max_prompt_tokens,
        max_tokens=settings.llm_max_tokens,
    )


def build_citations(services: Services) -> CitationVerifier:
    return CitationVerifier(services.search, services.store)


@functools.cache
def _text_tools() -> Any:
    from biseo.adapters.text.kiwi_text import KiwiText

    return KiwiText()


def build_summaries(store: DocumentStore | None = None, settings: Settings | None = None) -> SummaryService:
    """Extractive summaries; abstractive (map-reduce, spans checked) when ``settings`` name a model."""
    from biseo.adapters.parsers import ContentParser

    chat = build_chat(settings) if settings is not None else None
    return SummaryService(_text_tools(), store, ContentParser(), chat)


def build_summary_evaluation(
    directory: Path, limit: int | None = None, *, press: bool = False
) -> dict[str, Any]:
    from biseo.services.summary_evaluation import evaluate, evaluate_press

    return (evaluate_press if press else evaluate)(build_summaries(), directory, limit)


def build_pii_evaluation(path: Path) -> dict[str, Any]:
    """biseo's detector and ko-pii alone, scored on the same labelled lines."""
    from biseo.adapters.privacy.korean_pii import KoreanPiiDetector
    from biseo.services.privacy import read_labelled, score

    rows = read_labelled(path)
    return {
        "biseo": score(build_privacy().detector, rows),
        "baseline_ko_pii": score(KoreanPiiDetector(raw=True), rows),
    }


def configure_logging(settings: Settings) -> None:
    """Log lines pass through the personal-data redactor before any handler writes them."""
    from biseo.adapters.privacy.log_filter import RedactingFilter

    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(build_privacy().detector))
