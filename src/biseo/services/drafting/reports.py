"""개조식 보고서 and 보도자료 drafts from stored sources: each source summarized extractively, each
point cited to its source, the form fixed by ``domain.drafting.report``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from biseo.domain.drafting.lint import lint
from biseo.domain.drafting.report import OfficialDocument, SourceDigest, press_release, report
from biseo.domain.drafting.summary import Style
from biseo.domain.errors import InvalidInput, NotFound
from biseo.domain.json_values import JsonObject
from biseo.services.drafting.citations import CitationStatus, CitationVerifier
from biseo.services.drafting.summaries import SummaryService
from biseo.services.ports import DocumentStore

MAX_SOURCES = 20
MODE = "결정적 초안(LLM 미사용): 각 자료의 원문 문장을 골라 개조식으로 엮었습니다. 검토 의견은 담당자가 작성하십시오."


class ReportKind(StrEnum):
    REPORT = "report"
    PRESS_RELEASE = "press_release"


@dataclass
class ReportService:
    store: DocumentStore
    summaries: SummaryService
    today: Callable[[], date]
    verifier: CitationVerifier | None = None

    def verification(self, document: OfficialDocument) -> JsonObject:
        """Citations in the taken sentences checked against the statutes; the 공문서 notation checks
        (a 보고서 or 보도자료 has no 끝., so that rule does not apply)."""
        text = "\n".join(document.lines())
        checks = self.verifier.verify(text) if self.verifier else []
        issues = [i for i in lint(text) if not i.code.startswith("end_")]
        return {
            "citations": len(checks),
            "verified": sum(c.status is CitationStatus.VERIFIED for c in checks),
            "flagged": [
                {"text": c.text, "status": str(c.status), "message": c.message}
                for c in checks
                if c.status is not CitationStatus.VERIFIED
            ],
            "lint": [
                {"line": i.line, "column": i.column, "code": i.code, "message": i.message} for i in issues
            ],
        }

    def draft(
        self,
        topic: str,
        source_ids: list[str],
        kind: ReportKind = ReportKind.REPORT,
        *,
        agency: str | None = None,
        department: str | None = None,
    ) -> tuple[OfficialDocument, list[SourceDigest]]:
        topic = " ".join(topic.split())
        if not topic:
            raise InvalidInput("empty topic", message_ko="보고서 제목(주제)을 입력해 주세요.")
        if len(topic) > 200:
            raise InvalidInput("topic too long", message_ko="제목은 200자까지 쓸 수 있습니다.")
        if not source_ids:
            raise InvalidInput("no sources", message_ko="근거 자료를 한 건 이상 골라 주세요.")
        if len(source_ids) > MAX_SOURCES:
            raise InvalidInput("too many sources", message_ko=f"자료는 {MAX_SOURCES}건까지 고를 수 있습니다.")
        digests = []
        for number, document_id in enumerate(dict.fromkeys(source_ids), start=1):
            document = self.store.get(document_id)
            if document is None:
                raise NotFound(f"document {document_id}")
            # a 보고서 is 개조식 (noun-ending lines); a 보도자료 keeps the sentences it quotes
            style = Style.THREE_LINES if kind is ReportKind.PRESS_RELEASE else Style.OUTLINE
            summary = self.summaries.summarize_text(document.text, title=document.title, style=style)
            digests.append(SourceDigest(number, document.title, document.kind.korean, summary))
        if kind is ReportKind.PRESS_RELEASE:
            return press_release(topic, digests, self.today(), agency, department, MODE), digests
        return report(topic, digests, self.today(), department, MODE), digests
