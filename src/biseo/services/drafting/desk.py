"""행정비서 drafting desk: every summary, 민원 reply draft and 보고서 made here is drafted, checked and
recorded in the AI audit trail once — the one path for the command line, the API and the pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from biseo.domain.documents.model import DocumentKind, ParsedDocument
from biseo.domain.drafting.report import OfficialDocument, SourceDigest
from biseo.domain.drafting.summary import Style, Summary
from biseo.domain.errors import InvalidInput, NotFound
from biseo.services.ai.audit import AuditTrail
from biseo.services.drafting.answer_library import PastAnswerLibrary
from biseo.services.drafting.basis import basis_lines
from biseo.services.drafting.records import (
    AnsweringModel,
    Caller,
    record_output,
    reply_output,
    report_output,
    summary_output,
)
from biseo.services.drafting.replies import ReplyDraft, ReplyService
from biseo.services.drafting.reports import ReportKind, ReportService
from biseo.services.drafting.summaries import SummaryService
from biseo.services.ports import DocumentParser, DocumentStore

# Agency of records made with no agency configured or given (the command line before BISEO_AGENCY);
# earlier versions stored their command-line records under the same name, so they stay readable.
UNSCOPED_AGENCY = "local"
_LEGISLATION = (DocumentKind.STATUTE, DocumentKind.DECREE, DocumentKind.RULE)


@dataclass(frozen=True, slots=True)
class SummaryInput:
    """Exactly one of: posted text, a stored document, a file's bytes and name."""

    text: str | None = None
    document_id: str | None = None
    file: tuple[bytes, str] | None = None


class RecordedReply(NamedTuple):
    draft: ReplyDraft
    record_id: str


class RecordedReport(NamedTuple):
    document: OfficialDocument
    digests: list[SourceDigest]
    verification: dict[str, Any]
    record_id: str


class RecordedSummary(NamedTuple):
    summary: Summary
    record_id: str


class DraftingDesk:
    def __init__(
        self,
        *,
        replies: Callable[[str | None], ReplyService],
        reports: Callable[[], ReportService],
        summaries: Callable[[], SummaryService],
        audit: Callable[[], AuditTrail],
        library: PastAnswerLibrary,
        store: DocumentStore,
        record_settings: dict[str, Any],
    ) -> None:
        """``replies(agency)``: a reply drafter for that agency; ``record_settings``: the settings that
        shape every output, kept in its audit record (never keys or URLs with secrets)."""
        self._replies, self._reports, self._summaries = replies, reports, summaries
        self.audit = audit
        self.library = library
        self.store = store
        self.record_settings = record_settings

    def draft_reply(
        self, agency: str | None, actor: str, title: str, content: str, department: str | None = None
    ) -> RecordedReply:
        """Draft, verify, lint and record. ``agency``: whose answered cases join the past answers (None:
        the answer files only; recorded under ``UNSCOPED_AGENCY``); ``department``: the unit answering,
        whose own answers come first."""
        draft = self._replies(agency).draft(title, content, department=department)
        record_id = record_output(
            self.audit(),
            Caller(agency or UNSCOPED_AGENCY, actor),
            reply_output(title, content, draft),
            {**self.record_settings, "department": department},
        )
        return RecordedReply(draft, record_id)

    def reply_basis(self, agency: str | None, draft: ReplyDraft) -> list[str]:
        """Which past answers and articles the draft used, or why none (Korean, for the official)."""
        return basis_lines(
            self.library.pool(agency), draft.sources, sum(self.store.count(kind=k) for k in _LEGISLATION)
        )

    def draft_report(
        self,
        agency: str | None,
        actor: str,
        topic: str,
        sources: list[str],
        kind: ReportKind,
        department: str | None = None,
    ) -> RecordedReport:
        """A 보고서 or 보도자료 with its verification report, recorded in the audit trail."""
        reports = self._reports()
        document, digests = reports.draft(topic, sources, kind, agency=agency, department=department)
        verification = reports.verification(document)
        output = report_output(str(kind), topic, sources, document, digests, verification)
        settings = {**self.record_settings, "department": department}
        record_id = record_output(self.audit(), Caller(agency or UNSCOPED_AGENCY, actor), output, settings)
        return RecordedReport(document, digests, verification, record_id)

    def summarize(self, caller: Caller, given: SummaryInput, style: Style = Style.OUTLINE) -> RecordedSummary:
        """A summary recorded with the text it was made from (a file's or document's text too)."""
        summaries = self._summaries()
        answering = None
        if summaries.chat is not None:
            answering = AnsweringModel(summaries.chat.model)
            summaries.chat.model = answering
        summary, text, sources = self._summary_of(summaries, given, style)
        output = summary_output(text, summary, sources, answering.used if answering else None)
        return RecordedSummary(summary, record_output(self.audit(), caller, output, self.record_settings))

    def _summary_of(
        self, summaries: SummaryService, given: SummaryInput, style: Style
    ) -> tuple[Summary, str, list[dict[str, Any]]]:
        if given.file is not None:
            data, name = given.file
            reading = _ReadingParser(summaries.parser) if summaries.parser else None
            summaries.parser = reading
            summary = summaries.summarize_file(data, name, style=style)
            return summary, (reading.text if reading else ""), [{"kind": "file", "name": name}]
        if given.document_id is not None:
            summary = summaries.summarize_document(given.document_id, style=style)
            document = self.store.get(given.document_id)
            if document is None:  # deleted meanwhile
                raise NotFound(f"document {given.document_id}")
            return summary, document.text, [{"kind": "document", "document_id": given.document_id}]
        if given.text is not None:
            return summaries.summarize_text(given.text, style=style), given.text, [{"kind": "text"}]
        raise InvalidInput("nothing to summarize", message_ko="요약할 내용이 없습니다.")


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
