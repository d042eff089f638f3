"""Wiring of the drafting features: 민원 reply drafts, their evaluation, reports and exports."""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biseo.bootstrap._core import Services, _text_tools, build_chat, build_citations, build_privacy
from biseo.bootstrap._reply_tools import reply_tools
from biseo.services.draft_basis import AnswerPool
from biseo.services.past_answers import PastAnswer, PastAnswerIndex, read_past_answers
from biseo.services.replies import ReplyService

_lock = threading.Lock()
_REBUILD_SHARE = 0.25  # rebuild once a quarter of the indexed answers have been removed or replaced


@dataclass
class _AgencyIndex:
    index: PastAnswerIndex
    versions: dict[str, int]  # case answer id → case version indexed
    fingerprint: tuple[int, int]


_indexes: dict[tuple[str, ...], _AgencyIndex] = {}


@functools.cache
def _csv_answers(paths: tuple[str, ...]) -> tuple[PastAnswer, ...]:
    rows: list[PastAnswer] = []
    for path in paths:
        rows += read_past_answers(Path(path).expanduser())
    return tuple(rows)


class _CachedAnalyzer:
    """The search analyzer through the index's token cache: the answer files are analysed once per
    cache, not on every command (872 answers took 17 s each time; cached, under a second)."""

    def __init__(self, services: Services) -> None:
        self.inner = services.search.analyzer
        self.version = self.inner.version
        self._analyse = services.indexing.analyse

    def analyze(self, texts: Sequence[str]) -> list[list[str]]:
        return self._analyse(texts)

    def query_tokens(self, text: str) -> list[str]:
        return self.inner.query_tokens(text)

    @property
    def batch_function(self) -> Callable[[Sequence[str]], list[list[str]]]:
        return self.inner.batch_function


def _answer_files(services: Services) -> tuple[str, ...]:
    return tuple(p for p in services.settings.past_answers.split(os.pathsep) if p.strip())


def answer_pool(services: Services, agency: str | None) -> AnswerPool:
    """What the past answers of a draft as ``agency`` are drawn from (for the 근거 안내)."""
    store = services.complaints.store
    paths = _answer_files(services)
    return AnswerPool(
        files=len(paths),
        file_answers=sum(1 for a in _csv_answers(paths) if a.answer.strip()),  # as the index keeps them
        agency=agency,
        case_answers=store.answered_fingerprint(agency)[0] if agency else 0,
        agencies_with_cases=tuple(store.agencies()),
    )


def past_answers(services: Services, agency: str | None) -> PastAnswerIndex:
    """The configured answer files plus the agency's answered cases. A draft costs one count query;
    when the agency's answers changed, only new and edited cases are analysed into the index."""
    paths = _answer_files(services)
    store = services.complaints.store
    fingerprint = store.answered_fingerprint(agency) if agency else (0, 0)
    settings = services.settings
    key = (settings.database_url or str(settings.home), agency or "", *paths)  # one index per store
    with _lock:
        entry = _indexes.get(key)
        if entry is not None and entry.fingerprint == fingerprint:
            return entry.index
        if entry is None or entry.index.removed_share > _REBUILD_SHARE:
            if len(_indexes) >= 4:  # a few agencies' indexes at a time are plenty for an office server
                _indexes.clear()
            index = PastAnswerIndex(_CachedAnalyzer(services), _csv_answers(paths))
            entry = _AgencyIndex(index, {}, (0, 0))
        if agency:
            current = {f"case:{c.id}": c for c in store.answered_cases(agency)}
            entry.index.remove([i for i in entry.versions if i not in current])
            changed = [c for i, c in current.items() if entry.versions.get(i) != c.version]
            entry.index.add(
                [PastAnswer(f"case:{c.id}", c.title, c.content, c.answer, c.department) for c in changed]
            )
            entry.versions = {i: c.version for i, c in current.items()}
        entry.fingerprint = fingerprint
        _indexes[key] = entry
        return entry.index


def build_replies(services: Services, agency: str | None = None, *, use_model: bool = True) -> ReplyService:
    return ReplyService(
        services.search,
        build_citations(services),
        lambda: past_answers(services, agency),
        build_chat(services.settings) if use_model else None,
        **reply_tools(agency),
    )


def build_reply_evaluation(services: Services, path: Path, limit: int | None = None) -> dict[str, Any]:
    """Drafts for every complaint in ``path``, with the log lines of the run captured after redaction."""
    from biseo.bootstrap._core import configure_logging
    from biseo.services.reply_evaluation import LineCapture, evaluate

    chat = build_chat(services.settings)
    capture = LineCapture()
    capture.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(capture)
    configure_logging(services.settings)  # puts the redactor on the capture handler too
    level = root.level
    root.setLevel(logging.INFO)
    try:
        return evaluate(
            lambda index: ReplyService(
                services.search, build_citations(services), lambda: index, chat, **reply_tools(None)
            ),
            lambda rows: _index(services, rows),
            _text_tools().morphemes,
            build_privacy(),
            build_citations(services),
            path,
            capture,
            limit,
            chat,
        )
    finally:
        root.setLevel(level)
        root.removeHandler(capture)


def _index(services: Services, rows: Sequence[PastAnswer]) -> PastAnswerIndex:
    return PastAnswerIndex(services.search.analyzer, rows)


def build_reports(services: Services) -> Any:
    from datetime import date

    from biseo.bootstrap._core import build_summaries
    from biseo.services.reports import ReportService

    return ReportService(
        services.store, build_summaries(services.store), date.today, build_citations(services)
    )


def export_types() -> dict[str, str]:
    """Export format → media type, as the writers define them."""
    from biseo.adapters.export import FORMATS

    return dict(FORMATS)


def export_document(document: Any, fmt: str) -> bytes:
    from biseo.adapters.export import write_document

    return write_document(document, fmt)
