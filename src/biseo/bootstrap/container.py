"""The ``Services`` container: everything an interface needs, built from one ``Settings``, opened
once and closed once (``with build_services() as services:``). Feature wiring is imported from the
feature modules; parts a command may never touch (민원, benefits, drafting) are built on first use."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from biseo.bootstrap.adapters import (
    build_analyzer,
    build_dense,
    build_embedder,
    build_index,
    build_parser,
    build_store,
    build_token_cache,
    configure_logging,
    installation_secret,
)
from biseo.bootstrap.adapters import build_database as build_database
from biseo.bootstrap.benefits import build_benefit_alerts, build_benefits
from biseo.bootstrap.complaints import build_complaints
from biseo.bootstrap.drafting import build_answer_library, build_audit, build_citations, build_desk
from biseo.bootstrap.security import build_access_log, build_api_clients, build_limiter
from biseo.config import Settings
from biseo.services.ai.audit import AuditTrail
from biseo.services.benefits.alerts import BenefitAlerts
from biseo.services.benefits.service import BenefitService
from biseo.services.complaints.service import ComplaintService
from biseo.services.documents.ingest import IngestService
from biseo.services.documents.service import DocumentService
from biseo.services.drafting.citations import CitationVerifier
from biseo.services.drafting.desk import DraftingDesk
from biseo.services.ports import DocumentStore
from biseo.services.search.indexing import IndexingService
from biseo.services.search.service import SearchService
from biseo.services.security.clients import ApiClients
from biseo.services.security.limits import RateLimiter
from biseo.services.security.ports import AccessLogStore

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
    _drafting: DraftingDesk | None = dataclasses.field(default=None, repr=False)
    _secret: bytes | None = dataclasses.field(default=None, repr=False)

    def __enter__(self) -> Services:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def installation_secret(self) -> bytes:
        """The random key made once per installation (``$BISEO_HOME/secret.key``); users derive
        keys of their own from it."""
        if self._secret is None:
            self._secret = installation_secret(self.settings.home)
        return self._secret

    @property
    def benefits(self) -> BenefitService:  # the catalog, compiled on first use
        if self._benefits is None:
            self._benefits = build_benefits(self.settings)
        return self._benefits

    @property
    def benefit_alerts(self) -> BenefitAlerts:
        return build_benefit_alerts(self.settings, self.database, self.benefits, self.installation_secret)

    @property
    def complaints(self) -> ComplaintService:
        """Built on first use: commands that never touch 민원 skip the 관공서 calendar (0.16 s) and
        the installation secret."""
        if self._complaints is None:
            self._complaints = build_complaints(
                self.settings, self.database, self.search.analyzer, self.installation_secret
            )
        return self._complaints

    @property
    def drafting(self) -> DraftingDesk:
        """Summaries, replies and reports, each recorded in the audit trail; the past-answer indexes
        live as long as these services."""
        if self._drafting is None:
            library = build_answer_library(
                self.settings, lambda: self.complaints.store, self.search, self.indexing
            )
            self._drafting = build_desk(self.settings, self.database, self.search, self.store, library)
        return self._drafting

    @property
    def audit(self) -> AuditTrail:
        return build_audit(self.database)

    @property
    def api_clients(self) -> ApiClients:
        """Programs allowed to call the API, with their scopes (``biseo keys``)."""
        return build_api_clients(self.settings, self.database)

    @property
    def limiter(self) -> RateLimiter:
        return build_limiter(self.database)

    @property
    def access_log(self) -> AccessLogStore:
        return build_access_log(self.database)

    @property
    def citations(self) -> CitationVerifier:
        return build_citations(self.search, self.store)

    def close(self) -> None:
        self.indexing.index.close()
        self.indexing.cache.close()
        if self.indexing.dense is not None:
            self.indexing.dense.index.close()
            self.indexing.dense.cache.close()
        self.database.close()


def build_services(settings: Settings | None = None) -> Services:
    settings = settings or Settings.load()
    configure_logging(settings)
    embedder = build_embedder(settings)  # first: a bad setting fails before anything is opened
    database = build_database(settings)
    store = build_store(database)
    ingest = IngestService(
        store=store,
        parser=build_parser(),
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
