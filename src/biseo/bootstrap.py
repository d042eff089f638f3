"""The one place that names concrete adapters. CLI, API and tests all call ``build_services``."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from biseo.config import Settings
from biseo.services.documents import DocumentService
from biseo.services.ingest import IngestService
from biseo.services.ports import DocumentStore


@dataclass
class Services:
    settings: Settings
    store: DocumentStore
    ingest: IngestService
    documents: DocumentService

    def close(self) -> None:
        self.store.close()


def build_store(settings: Settings) -> DocumentStore:
    if settings.uses_postgres:
        from biseo.adapters.storage.postgres_store import PostgresDocumentStore

        return PostgresDocumentStore(settings.database_url)
    from biseo.adapters.storage.sqlite_store import SqliteDocumentStore

    return SqliteDocumentStore(settings.sqlite_path)


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
    return Services(settings=settings, store=store, ingest=ingest, documents=DocumentService(store))
