"""Wiring of the drafting features: 민원 reply drafts, their evaluation, reports and exports."""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biseo.bootstrap._core import Services, _text_tools, build_chat, build_citations, build_privacy
from biseo.services.audit import AuditTrail
from biseo.services.past_answers import PastAnswer, PastAnswerIndex, read_past_answers
from biseo.services.replies import ReplyDraft, ReplyService

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


def past_answers(services: Services, agency: str | None) -> PastAnswerIndex:
    """The configured answer files plus the agency's answered cases. A draft costs one count query;
    when the agency's answers changed, only new and edited cases are analysed into the index."""
    paths = tuple(p for p in services.settings.past_answers.split(os.pathsep) if p.strip())
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
            entry = _AgencyIndex(PastAnswerIndex(services.search.analyzer, _csv_answers(paths)), {}, (0, 0))
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
            lambda index: ReplyService(services.search, build_citations(services), lambda: index, chat),
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


def build_audit(services: Services) -> AuditTrail:
    """The AI audit trail on the main database."""
    from datetime import UTC, datetime

    from biseo.adapters.storage.audit_store import SqlAuditStore
    from biseo.adapters.storage.sql_store import SqlDocumentStore

    assert isinstance(services.store, SqlDocumentStore)
    return AuditTrail(SqlAuditStore(services.store), build_privacy(), lambda: datetime.now(UTC))


def export_types() -> dict[str, str]:
    """Export format → media type, as the writers define them."""
    from biseo.adapters.export import FORMATS

    return dict(FORMATS)


def export_document(document: Any, fmt: str) -> bytes:
    from biseo.adapters.export import write_document

    return write_document(document, fmt)


def model_settings(services: Services) -> dict[str, Any]:
    """The settings that shaped an AI output, for the audit record (never keys or URLs with secrets)."""
    s = services.settings
    return {
        "llm": bool(s.llm_url),
        "llm_model": s.llm_model if s.llm_url else None,
        "llm_max_tokens": s.llm_max_tokens,
        "dense": s.dense,
    }


def draft_reply_recorded(
    services: Services,
    agency: str,
    actor: str,
    title: str,
    content: str,
    department: str | None = None,
) -> tuple[ReplyDraft, str]:
    """Draft, verify, lint and record in the audit trail — the one path for CLI, API and page.
    ``department``: the unit answering, whose own past answers are preferred."""
    draft = build_replies(services, agency).draft(title, content, department=department)
    record_id = build_audit(services).record(
        kind="reply",
        agency=agency,
        actor=actor,
        input_text=f"{title}\n{content}",
        output_text=draft.text,
        sources=draft.source_list(),
        model=draft.model,
        settings={**model_settings(services), "department": department},
        prompt=draft.prompt,
        verification=draft.verification(),
    )
    return draft, record_id


def draft_report_recorded(
    services: Services,
    agency: str,
    actor: str,
    topic: str,
    sources: list[str],
    kind: Any,
    department: str | None = None,
) -> tuple[Any, list[Any], dict[str, Any], str]:
    """A 보고서 or 보도자료 with its verification report, recorded in the audit trail."""
    reports = build_reports(services)
    document, digests = reports.draft(topic, sources, kind, agency=agency, department=department)
    verification = reports.verification(document)
    record_id = build_audit(services).record(
        kind=str(kind),
        agency=agency,
        actor=actor,
        input_text=f"{topic}\n" + "\n".join(sources),
        output_text="\n".join(document.lines()),
        sources=[{"number": d.number, "title": d.title} for d in digests],
        model=None,
        settings=model_settings(services),
        prompt=None,
        verification=verification,
    )
    return document, digests, verification, record_id
