"""Wiring of recorded AI outputs: summaries and drafts made, then stored in the audit trail through
the one record builder (``services.ai_records``), the same from the CLI, the API and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from biseo.bootstrap._core import Services, build_privacy, build_summaries
from biseo.bootstrap._drafting import answer_pool, build_replies, build_reports
from biseo.domain.documents import DocumentKind, ParsedDocument
from biseo.domain.drafting.summary import Style, Summary
from biseo.domain.errors import InvalidInput, NotFound
from biseo.services.ai_records import (
    AnsweringModel,
    Caller,
    record_output,
    reply_output,
    report_output,
    summary_output,
)
from biseo.services.audit import AuditTrail
from biseo.services.draft_basis import basis_lines
from biseo.services.ports import DocumentParser
from biseo.services.replies import ReplyDraft

# Agency of records made with no agency configured or given (the command line before BISEO_AGENCY);
# earlier versions stored their command-line records under the same name, so they stay readable.
UNSCOPED_AGENCY = "local"
_LEGISLATION = (DocumentKind.STATUTE, DocumentKind.DECREE, DocumentKind.RULE)


def build_audit(services: Services) -> AuditTrail:
    """The AI audit trail on the main database."""
    from datetime import UTC, datetime

    from biseo.adapters.storage.audit_store import SqlAuditStore

    return AuditTrail(SqlAuditStore(services.database), build_privacy(), lambda: datetime.now(UTC))


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
    agency: str | None,
    actor: str,
    title: str,
    content: str,
    department: str | None = None,
) -> tuple[ReplyDraft, str]:
    """Draft, verify, lint and record in the audit trail — the one path for CLI, API and page.
    ``agency``: whose answered cases join the past answers (None: the answer files only; recorded
    under ``UNSCOPED_AGENCY``); ``department``: the unit answering, whose own answers come first."""
    draft = build_replies(services, agency).draft(title, content, department=department)
    record_id = record_output(
        build_audit(services),
        Caller(agency or UNSCOPED_AGENCY, actor),
        reply_output(title, content, draft),
        {**model_settings(services), "department": department},
    )
    return draft, record_id


def reply_basis(services: Services, agency: str | None, draft: ReplyDraft) -> list[str]:
    """Which past answers and articles the draft used, or why none (Korean, for the official)."""
    statutes = sum(services.store.count(kind=kind) for kind in _LEGISLATION)
    return basis_lines(answer_pool(services, agency), draft.sources, statutes)


def draft_report_recorded(
    services: Services,
    agency: str | None,
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
    output = report_output(str(kind), topic, sources, document, digests, verification)
    settings = {**model_settings(services), "department": department}
    record_id = record_output(
        build_audit(services), Caller(agency or UNSCOPED_AGENCY, actor), output, settings
    )
    return document, digests, verification, record_id


@dataclass(frozen=True, slots=True)
class SummaryInput:
    """Exactly one of: posted text, a stored document, a file's bytes and name."""

    text: str | None = None
    document_id: str | None = None
    file: tuple[bytes, str] | None = None


def summarize_recorded(
    services: Services, caller: Caller, given: SummaryInput, style: Style = Style.OUTLINE
) -> tuple[Summary, str]:
    """A summary recorded with the text it was made from (a file's or document's text too)."""
    summaries = build_summaries(services.store, services.settings)
    answering = None
    if summaries.chat is not None:
        answering = AnsweringModel(summaries.chat.model)
        summaries.chat.model = answering
    if given.file is not None:
        data, name = given.file
        reading = _ReadingParser(summaries.parser) if summaries.parser else None
        summaries.parser = reading
        summary = summaries.summarize_file(data, name, style=style)
        text, sources = (reading.text if reading else ""), [{"kind": "file", "name": name}]
    elif given.document_id is not None:
        summary = summaries.summarize_document(given.document_id, style=style)
        document = services.store.get(given.document_id)
        if document is None:  # deleted meanwhile
            raise NotFound(f"document {given.document_id}")
        text, sources = document.text, [{"kind": "document", "document_id": given.document_id}]
    elif given.text is not None:
        summary = summaries.summarize_text(given.text, style=style)
        text, sources = given.text, [{"kind": "text"}]
    else:
        raise InvalidInput("nothing to summarize", message_ko="요약할 내용이 없습니다.")
    output = summary_output(text, summary, sources, answering.used if answering else None)
    return summary, record_output(build_audit(services), caller, output, model_settings(services))


class _ReadingParser:
    """The configured parser, keeping the text it read (the audit trail records it)."""

    def __init__(self, inner: DocumentParser) -> None:
        self.inner = inner
        self.text = ""

    @property
    def version(self) -> str:
        return self.inner.version

    def parse(self, data: bytes, filename: str) -> ParsedDocument:
        parsed = self.inner.parse(data, filename)
        self.text = parsed.text
        return parsed
