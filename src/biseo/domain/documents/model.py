"""Documents and their structure (문서·구조).

A document's ``text`` is the single source every position refers to: headings,
pages and segments are ``[start, end)`` character offsets into it, so a citation
can always be displayed and checked against the stored text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class DocumentKind(StrEnum):
    STATUTE = "statute"  # 법률
    DECREE = "decree"  # 대통령령 (시행령)
    RULE = "rule"  # 총리령·부령 (시행규칙)
    PRECEDENT = "precedent"  # 판례
    PRESS_RELEASE = "press_release"  # 보도자료
    REPORT = "report"  # 보고서·업무보고
    FORM = "form"  # 서식·조사표
    COMPLAINT_ANSWER = "complaint_answer"  # 민원 답변
    OTHER = "other"

    @property
    def is_legislation(self) -> bool:
        return self in (DocumentKind.STATUTE, DocumentKind.DECREE, DocumentKind.RULE)

    @property
    def korean(self) -> str:
        """The name an official reads (법률, 판례, 보도자료, …)."""
        return _KOREAN_KIND[self]


_KOREAN_KIND = {
    DocumentKind.STATUTE: "법률",
    DocumentKind.DECREE: "시행령",
    DocumentKind.RULE: "시행규칙",
    DocumentKind.PRECEDENT: "판례",
    DocumentKind.PRESS_RELEASE: "보도자료",
    DocumentKind.REPORT: "보고서",
    DocumentKind.FORM: "서식",
    DocumentKind.COMPLAINT_ANSWER: "민원 답변",
    DocumentKind.OTHER: "기타",
}


class SourceFormat(StrEnum):
    HWP = "hwp"
    HWPX = "hwpx"
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line (제목·장·절·조) at ``level`` 1..6, and the text it heads."""

    level: int
    title: str
    start: int  # where the heading line starts
    end: int  # where its section ends (next heading of the same or higher level)


@dataclass(frozen=True, slots=True)
class PageSpan:
    number: int  # 1-based page number
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DocumentDates:
    promulgated: date | None = None  # 공포일자
    effective: date | None = None  # 시행일자
    decided: date | None = None  # 선고일자
    published: date | None = None  # 보도일·작성일


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What a parser returns: text with structure, before the document is classified."""

    format: SourceFormat
    text: str
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    headings: tuple[Heading, ...] = ()
    pages: tuple[PageSpan, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    id: str  # content hash of the source bytes (stable id)
    title: str
    kind: DocumentKind
    format: SourceFormat
    text: str
    source: str  # path or URL it came from
    agency: str | None = None  # 소관부처·기관
    dates: DocumentDates = DocumentDates()
    metadata: dict[str, Any] = field(default_factory=dict)
    headings: tuple[Heading, ...] = ()
    pages: tuple[PageSpan, ...] = ()
    size_bytes: int = 0
    parser: str = ""

    def page_at(self, offset: int) -> int | None:
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return None


@dataclass(frozen=True, slots=True)
class Anchor:
    """A citable point inside a segment, e.g. 제19조제1항 (항·호·목)."""

    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """The unit of search and citation: ``document.text[start:end]``."""

    document_id: str
    number: int  # 0-based position within the document
    kind: str  # article, section, paragraph, headline, table, …
    label: str  # human-readable citation label, e.g. "민원 처리에 관한 법률 제19조(처리기간의 계산)"
    start: int
    end: int
    anchors: tuple[Anchor, ...] = ()
    page: int | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.document_id, self.number)

    def text_in(self, document_text: str) -> str:
        return document_text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str
    kind: DocumentKind
    format: SourceFormat
    source: str
    agency: str | None
    size_bytes: int
    segment_count: int
    ingested_at: str


@dataclass(frozen=True, slots=True)
class Passage:
    """One segment's text with just enough of its document to show it (a search hit, a citation)."""

    segment: Segment
    text: str
    title: str
    kind: DocumentKind
    agency: str | None
    date: date | None
