"""The one place that names concrete adapters. CLI, API and tests all call ``build_services``."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from biseo.config import Settings
from biseo.domain.approval import ApprovalLine
from biseo.domain.calendar import BusinessCalendar
from biseo.services.benefit_alerts import BenefitAlerts
from biseo.services.benefits import BenefitService
from biseo.services.case_alerts import CaseAlerts
from biseo.services.case_ports import Notifier
from biseo.services.complaints import ComplaintService
from biseo.services.dense import DenseRetrieval
from biseo.services.documents import DocumentService
from biseo.services.indexing import IndexingService
from biseo.services.ingest import IngestService
from biseo.services.ports import Analyzer, DocumentStore, Embedder, LexicalIndex, TokenCache
from biseo.services.routing import RoutingService
from biseo.services.routing_evaluation import RoutingEvaluation
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
    _complaints: ComplaintService | None = dataclasses.field(default=None, repr=False)
    _benefits: BenefitService | None = dataclasses.field(default=None, repr=False)

    @property
    def benefits(self) -> BenefitService:  # the catalog, compiled on first use
        if self._benefits is None:
            self._benefits = build_benefits(self.settings)
        return self._benefits

    @property
    def complaints(self) -> ComplaintService:
        """Built on first use: commands that never touch 민원 skip the 관공서 calendar (0.16 s) and
        the installation secret."""
        if self._complaints is None:
            self._complaints = build_complaints(self.settings, self.store, self.search.analyzer)
        return self._complaints

    def close(self) -> None:
        self.indexing.index.close()
        self.indexing.cache.close()
        if self.indexing.dense is not None:
            self.indexing.dense.index.close()
            self.indexing.dense.cache.close()
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
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    embedder = build_embedder(settings)  # first: a bad setting fails before anything is opened
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
    return Services(settings, store, ingest, DocumentService(store), indexing, search)


def build_benefits(settings: Settings) -> BenefitService:
    from biseo.adapters.eligibility import catalog_files, numpy_screen

    paths = [Path(p).expanduser() for p in settings.benefits_catalog.split(os.pathsep) if p.strip()]
    loaded = catalog_files.load_catalog(paths)
    for problem in loaded.skipped[:20]:
        logging.getLogger(__name__).warning("benefits catalog: skipped %s", problem)
    return BenefitService(loaded.services, loaded.rules, numpy_screen.CompiledCatalog, build_analyzer())


def rule_tests(directory: Path) -> dict[str, Any]:
    from biseo.adapters.eligibility.rule_files import run_rule_dir  # reviewed YAML rules and their cases

    return run_rule_dir(directory)


def office_now() -> datetime:
    """Wall time of a Korean office (the law counts 처리기간 in it), whatever the server's zone."""
    return datetime.now(ZoneInfo("Asia/Seoul")).replace(tzinfo=None, microsecond=0)


def build_complaints(settings: Settings, store: DocumentStore, analyzer: Analyzer) -> ComplaintService:
    """민원 cases on the same database as the documents, with routing suggestions when a model exists."""
    from biseo.adapters.parsers import ContentParser
    from biseo.adapters.storage.case_store import SqlCaseStore
    from biseo.adapters.storage.sql_store import SqlDocumentStore

    assert isinstance(store, SqlDocumentStore)
    now = office_now()
    routing: list[RoutingService] = []

    def suggest(title: str, content: str) -> dict[str, Any] | None:
        if not (settings.home / "models" / "router.pkl").is_file():
            return None
        if not routing:
            routing.append(build_routing(settings))
        advice = routing[0].suggest(title, content)
        return {
            "primary": advice.primary.unit,
            "confidence": advice.primary.confidence,
            "cooperating": [s.unit for s in advice.cooperating],
            "alternatives": [s.unit for s in advice.alternatives],
        }

    return ComplaintService(
        store=SqlCaseStore(store),
        analyzer=analyzer,
        calendar=build_calendar(settings, range(2000, now.year + 3)),
        secret=_installation_secret(settings.home),
        now=office_now,
        approval_lines=_approval_lines(settings),
        suggest_route=suggest,
        parser=ContentParser(),
        max_attachment_bytes=settings.max_file_bytes,
    )


def _notifiers(settings: Settings, *, staff: bool) -> list[Notifier]:
    """E-mail and webhook notifiers; only staff notices fall back to BISEO_ALERT_EMAIL."""
    from biseo.adapters.notify.smtp_notifier import SmtpNotifier
    from biseo.adapters.notify.webhook_notifier import WebhookNotifier

    notifiers: list[Notifier] = []
    if settings.smtp_host:
        notifiers.append(
            SmtpNotifier(
                settings.smtp_host,
                settings.smtp_port,
                settings.smtp_sender,
                fallback_recipient=(settings.alert_email or None) if staff else None,
                username=settings.smtp_username,
                password=settings.smtp_password,
            )
        )
    if settings.webhook_url:
        notifiers.append(WebhookNotifier(settings.webhook_url, settings.webhook_secret))
    return notifiers


def build_benefit_alerts(services: Services) -> BenefitAlerts:
    """혜택알리미 on the main database, sending through the configured e-mail relay and webhook."""
    from biseo.adapters.storage.benefit_store import SqlSubscriptionStore
    from biseo.adapters.storage.sql_store import SqlDocumentStore

    assert isinstance(services.store, SqlDocumentStore)
    settings = services.settings
    return BenefitAlerts(
        SqlSubscriptionStore(services.store),
        services.benefits,
        {n.channel: n for n in _notifiers(settings, staff=False)},
        _installation_secret(settings.home),
        settings.public_url,
    )


def build_alerts(settings: Settings, complaints: ComplaintService) -> CaseAlerts:
    return CaseAlerts(
        complaints.store,
        _notifiers(settings, staff=True),
        office_now,
        due_soon=timedelta(hours=settings.due_soon_hours),
        base_url=settings.public_url,
    )


def _installation_secret(home: Path) -> bytes:
    """A random key made once per installation (keys complainants for §23 without readable data)."""
    path = home / "secret.key"
    if not path.is_file():
        home.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(secrets.token_bytes(32))
        tmp.chmod(0o600)
        tmp.replace(path)
    return path.read_bytes()


def _approval_lines(settings: Settings) -> dict[str, ApprovalLine]:
    if not settings.approval_rules:
        return {}
    raw = json.loads(Path(settings.approval_rules).read_text(encoding="utf-8"))
    return {agency: ApprovalLine.from_mapping(rules) for agency, rules in raw.items()}


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
    from biseo.adapters.routing.linear_router import KoreanRouter, WordSvmBaseline

    embedder = build_routing_embedder(settings)
    return RoutingEvaluation(
        analyzer=build_analyzer(),
        biseo=lambda: KoreanRouter(embedder),
        baseline=WordSvmBaseline,
        embeddings=embedder.name if embedder else None,
    )


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
