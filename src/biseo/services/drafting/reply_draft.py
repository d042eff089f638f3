"""A 민원 reply draft as the services hand it out: its text, sources, checked citations and lint."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from biseo.domain.drafting.lint import LintIssue, Severity
from biseo.domain.drafting.reply import Source
from biseo.domain.json_values import JsonObject
from biseo.services.drafting.reply_findings import WEAK_MATCH


@dataclass(frozen=True, slots=True)
class CitationResult:
    number: int | None  # the [n] marker, None for a law named in free text
    text: str  # the supported sentence, or the cited law and article
    start: int
    end: int
    status: str  # verified | unsupported | no_such_source | CitationStatus values
    message: str


@dataclass
class ReplyDraft:
    text: str
    mode: str
    sources: list[Source]
    citations: list[CitationResult]
    lint: list[LintIssue]
    department: str | None
    model: str | None = None
    prompt: str | None = None
    notices: list[str] = field(default_factory=list)
    findings_considered: int = 0  # past-answer sentences considered for 검토 결과 (template mode)
    findings_kept: int = 0

    @property
    def citations_valid(self) -> bool:
        return all(c.status == "verified" for c in self.citations)

    @property
    def lint_passed(self) -> bool:
        return not any(i.severity is Severity.ERROR for i in self.lint)

    def verification(self) -> JsonObject:
        """The verification report an output carries (and the audit trail stores)."""
        return {
            "citations": len(self.citations),
            "verified": sum(c.status == "verified" for c in self.citations),
            "flagged": [asdict(c) for c in self.citations if c.status != "verified"],
            "lint_passed": self.lint_passed,
            "lint": [
                {
                    "line": i.line,
                    "column": i.column,
                    "code": i.code,
                    "message": i.message,
                    "severity": str(i.severity),
                }
                for i in self.lint
            ],
        }

    def source_list(self) -> list[JsonObject]:
        return [
            {
                "number": s.number,
                "kind": str(s.kind),
                "label": s.label,
                "document_id": s.document_id,
                "segment": s.segment,
                "reference": s.reference,
                "department": s.department,
                "match_share": s.match_share,
                "weak_match": s.match_share is not None and s.match_share < WEAK_MATCH,
                "text": s.text[:2000],
            }
            for s in self.sources
        ]

    def to_json(self) -> JsonObject:
        return {
            "text": self.text,
            "mode": self.mode,
            "department": self.department,
            "model": self.model,
            "prompt": self.prompt,
            "notices": self.notices,
            "sources": self.source_list(),
            "citations": [asdict(c) for c in self.citations],
            "verification": self.verification(),
        }
