"""Wiring of the drafting features: summaries, 민원 reply drafts, reports, citations, the AI audit
trail and the drafting desk that records every output (builds only on ``bootstrap.adapters``)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from biseo.bootstrap.adapters import (
    build_chat,
    build_parser,
    build_privacy,
    build_specifics,
    configure_logging,
    text_tools,
)
from biseo.config import Settings
from biseo.services.ai.audit import AuditTrail
from biseo.services.drafting.answer_library import AnsweredCases, PastAnswerLibrary
from biseo.services.drafting.citations import CitationVerifier
from biseo.services.drafting.desk import DraftingDesk
from biseo.services.drafting.past_answers import PastAnswer, PastAnswerIndex
from biseo.services.drafting.replies import ReplyService
from biseo.services.drafting.reports import ReportService
from biseo.services.drafting.summaries import SummaryService
from biseo.services.ports import DocumentStore
from biseo.services.search.indexing import IndexingService
from biseo.services.search.service import SearchService

if TYPE_CHECKING:
    from biseo.adapters.storage.database import Database


def build_citations(search: SearchService, store: DocumentStore) -> CitationVerifier:
    return CitationVerifier(search, store)


def build_summaries(store: DocumentStore | None = None, settings: Settings | None = None) -> SummaryService:
    """Extractive summaries; abstractive (map-reduce, spans checked) when ``settings`` name a model."""
    chat = build_chat(settings) if settings is not None else None
    return SummaryService(text_tools(), store, build_parser(), chat)


def build_reports(search: SearchService, store: DocumentStore) -> ReportService:
    return ReportService(store, build_summaries(store), date.today, build_citations(search, store))


def build_audit(database: Database) -> AuditTrail:
    """The AI audit trail on the main database."""
    from biseo.adapters.storage.audit_store import SqlAuditStore

    return AuditTrail(SqlAuditStore(database), build_privacy(), lambda: datetime.now(UTC))


def record_settings(settings: Settings) -> dict[str, Any]:
    """The settings that shaped an AI output, for the audit record (never keys or URLs with secrets)."""
    return {
        "llm": bool(settings.llm_url),
        "llm_model": settings.llm_model if settings.llm_url else None,
        "llm_max_tokens": settings.llm_max_tokens,
        "dense": settings.dense,
    }


def reply_tools(agency: str | None) -> dict[str, Any]:
    """Keyword arguments of ``ReplyService`` beyond its sources and model."""
    return {"specifics": build_specifics(), "split": text_tools().sentences, "agency": agency}


class _CachedAnalyzer:
    """The search analyzer through the index's token cache: the answer files are analysed once per
    cache, not on every command (872 answers took 17 s each time; cached, under a second)."""

    def __init__(self, search: SearchService, indexing: IndexingService) -> None:
        self.inner = search.analyzer
        self.version = self.inner.version
        self._analyse = indexing.analyse

    def analyze(self, texts: Sequence[str]) -> list[list[str]]:
        return self._analyse(texts)

    def query_tokens(self, text: str) -> list[str]:
        return self.inner.query_tokens(text)

    @property
    def batch_function(self) -> Callable[[Sequence[str]], list[list[str]]]:
        return self.inner.batch_function


def build_answer_library(
    settings: Settings, cases: Callable[[], AnsweredCases], search: SearchService, indexing: IndexingService
) -> PastAnswerLibrary:
    """``BISEO_PAST_ANSWERS`` files plus each agency's answered cases, analysed through the token cache."""
    files = [Path(p) for p in settings.past_answers.split(os.pathsep) if p.strip()]
    return PastAnswerLibrary(files, cases, lambda: _CachedAnalyzer(search, indexing))


def build_desk(
    settings: Settings,
    database: Database,
    search: SearchService,
    store: DocumentStore,
    library: PastAnswerLibrary,
) -> DraftingDesk:
    def replies(agency: str | None) -> ReplyService:
        return ReplyService(
            search,
            build_citations(search, store),
            lambda: library.index(agency),
            build_chat(settings),
            **reply_tools(agency),
        )

    return DraftingDesk(
        replies=replies,
        reports=lambda: build_reports(search, store),
        summaries=lambda: build_summaries(store, settings),
        audit=lambda: build_audit(database),
        library=library,
        store=store,
        record_settings=record_settings(settings),
    )


def build_reply_evaluation(
    settings: Settings, search: SearchService, store: DocumentStore, path: Path, limit: int | None = None
) -> dict[str, Any]:
    """Drafts for every complaint in ``path``, with the log lines of the run captured after redaction."""
    from biseo.services.drafting.reply_evaluation import LineCapture, evaluate

    chat = build_chat(settings)
    citations = build_citations(search, store)
    capture = LineCapture()
    capture.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(capture)
    configure_logging(settings)  # puts the redactor on the capture handler too
    level = root.level
    root.setLevel(logging.INFO)
    try:
        return evaluate(
            lambda index: ReplyService(search, citations, lambda: index, chat, **reply_tools(None)),
            lambda rows: _index(search, rows),
            text_tools().morphemes,
            build_privacy(),
            citations,
            path,
            capture,
            limit,
            chat,
        )
    finally:
        root.setLevel(level)
        root.removeHandler(capture)


def _index(search: SearchService, rows: Sequence[PastAnswer]) -> PastAnswerIndex:
    return PastAnswerIndex(search.analyzer, rows)


def build_summary_evaluation(
    directory: Path, limit: int | None = None, *, press: bool = False
) -> dict[str, Any]:
    from biseo.services.drafting.summary_evaluation import evaluate, evaluate_press

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
