"""The leaf of the wiring: one builder per concrete adapter (database, stores' database, Korean
analysis, indexes, embedders, parsers, personal-data detector, language model, calendar, notifiers,
exports). It imports no other bootstrap module; every feature's wiring builds on it."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import secrets
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from biseo.config import Settings
from biseo.domain.calendar import BusinessCalendar
from biseo.services.ai.llm import GuardedChat, TokenBudget
from biseo.services.complaints.ports import Notifier
from biseo.services.drafting.reply_findings import SpecificsFinder
from biseo.services.ports import Analyzer, DocumentParser, DocumentStore, Embedder, LexicalIndex, TokenCache
from biseo.services.privacy import Privacy
from biseo.services.search.dense import DenseRetrieval

if TYPE_CHECKING:
    from biseo.adapters.storage.database import Database

DENSE_MODES = ("off", "local", "openai")


def installation_secret(home: Path) -> bytes:
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


def build_parser() -> DocumentParser:
    from biseo.adapters.parsers import ContentParser

    return ContentParser()


@functools.cache
def text_tools() -> Any:
    from biseo.adapters.text.kiwi_text import KiwiText

    return KiwiText()


@functools.cache
def build_specifics() -> SpecificsFinder:
    from biseo.adapters.text.kiwi_specifics import KiwiSpecifics

    return KiwiSpecifics(build_privacy().detector)


def office_now() -> datetime:
    """Wall time of a Korean office (the law counts 처리기간 in it), whatever the server's zone."""
    return datetime.now(ZoneInfo("Asia/Seoul")).replace(tzinfo=None, microsecond=0)


def build_notifiers(settings: Settings, *, staff: bool) -> list[Notifier]:
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


def export_types() -> dict[str, str]:
    """Export format → media type, as the writers define them."""
    from biseo.adapters.export import FORMATS

    return dict(FORMATS)


def export_document(document: Any, fmt: str) -> bytes:
    from biseo.adapters.export import write_document

    return write_document(document, fmt)


def configure_logging(settings: Settings) -> None:
    """Log lines pass through the personal-data redactor before any handler writes them."""
    from biseo.adapters.privacy.log_filter import RedactingFilter

    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(build_privacy().detector))
        if not any(isinstance(f, _ParserComplaintsInOneLine) for f in handler.filters):
            handler.addFilter(_ParserComplaintsInOneLine())


class _ParserComplaintsInOneLine(logging.Filter):
    """A parser library's complaint about a bad file (biseo refuses the file with its own message)
    is kept as one line, without the library's traceback."""

    LIBRARIES = ("hwpx", "pypdf", "docx")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".")[0] in self.LIBRARIES:
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
