"""DOCX via python-docx, walking the body in order so tables stay where they were."""

from __future__ import annotations

import io

from biseo.adapters.parsers.archive_guard import ArchiveLimits, check_archive
from biseo.adapters.parsers.builder import TextBuilder, markdown_table
from biseo.domain.documents.model import ParsedDocument, SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode


def parse_docx(data: bytes, limits: ArchiveLimits) -> ParsedDocument:
    check_archive(data, limits)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        builder = TextBuilder()
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                style = (item.style.name if item.style is not None else "") or ""
                level = _heading_level(style)
                if level:
                    builder.heading(level, item.text)
                else:
                    builder.block(item.text)
            elif isinstance(item, Table):
                rows = [[cell.text for cell in row.cells] for row in item.rows]
                if rows:
                    builder.block(markdown_table(rows), keep_lines=True)
        title = document.core_properties.title or None
    except DocumentRejected:
        raise
    except (
        Exception
    ) as exc:  # python-docx raises a variety of KeyError/ValueError/lxml errors on broken parts
        raise DocumentRejected(ErrorCode.CORRUPT, f"python-docx: {type(exc).__name__}: {exc}") from exc
    text, headings, _ = builder.build()
    return ParsedDocument(format=SourceFormat.DOCX, text=text, title=title, headings=headings)


def _heading_level(style: str) -> int:
    if style == "Title":
        return 1
    if style.startswith("Heading "):
        suffix = style.removeprefix("Heading ")
        if suffix.isdigit():
            return min(int(suffix), 6)
    return 0
