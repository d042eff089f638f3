"""Parsers chosen by content (``sniff``), not by extension, behind one function the ingest service calls."""

from __future__ import annotations

from dataclasses import dataclass, field

from biseo.adapters.parsers.archive_guard import ArchiveLimits
from biseo.adapters.parsers.sniff import sniff
from biseo.domain.documents.model import ParsedDocument, SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode

PARSER_VERSION = "biseo-parsers/1"


@dataclass(frozen=True, slots=True)
class ContentParser:
    """Implements the services' ``DocumentParser`` port."""

    archive_limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    version: str = PARSER_VERSION

    def parse(self, data: bytes, filename: str) -> ParsedDocument:
        fmt = sniff(data, filename)
        parsed = self._dispatch(fmt, data)
        if not parsed.text.strip():
            raise DocumentRejected(ErrorCode.NO_TEXT, f"{fmt} file yielded no text")
        return parsed

    def _dispatch(self, fmt: SourceFormat, data: bytes) -> ParsedDocument:
        if fmt in (SourceFormat.HWP, SourceFormat.HWPX):
            from biseo.adapters.parsers.hwp import parse_hwp

            return parse_hwp(data, fmt, self.archive_limits)
        if fmt is SourceFormat.PDF:
            from biseo.adapters.parsers.pdf import parse_pdf

            return parse_pdf(data)
        if fmt is SourceFormat.DOCX:
            from biseo.adapters.parsers.docx import parse_docx

            return parse_docx(data, self.archive_limits)
        if fmt is SourceFormat.HTML:
            from biseo.adapters.parsers.html import parse_html

            return parse_html(data)
        from biseo.adapters.parsers.text import parse_markdown, parse_text

        return parse_markdown(data) if fmt is SourceFormat.MARKDOWN else parse_text(data)
