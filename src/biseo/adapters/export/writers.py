"""One document model, three files: Markdown, DOCX and HWPX (the format Korean government edits).

Every writer emits the title, each paragraph as one paragraph and each table as a table, so a file
re-opened with biseo's own parser gives back the same text.
"""

from __future__ import annotations

import io
import re

from biseo.domain.drafting.report import OfficialDocument, Table

FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "hwpx": "application/hwp+zip",
}


# XML 1.0 forbids NUL, most C0 controls, lone surrogates and U+FFFE/FFFF; pasted text can hold them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def write_document(document: OfficialDocument, fmt: str) -> bytes:
    if fmt == "md":
        return document.markdown().encode("utf-8")
    if fmt == "docx":
        return _docx(document)
    if fmt == "hwpx":
        return _hwpx(document)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")


def _docx(document: OfficialDocument) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(_xml(document.title), level=1)
    for block in document.blocks:
        if isinstance(block, Table):
            table = doc.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = _xml(value)
        else:
            doc.add_paragraph(_xml(block))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _hwpx(document: OfficialDocument) -> bytes:
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    doc.add_paragraph(_xml(document.title))
    for block in document.blocks:
        if isinstance(block, Table):
            table = doc.add_table(len(block.rows), len(block.rows[0]))
            for r, row in enumerate(block.rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = _xml(value)
        else:
            doc.add_paragraph(_xml(block))
    data: bytes = doc.to_bytes()
    return data
