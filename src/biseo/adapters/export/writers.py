"""One document model, three files: Markdown, DOCX and HWPX (the format Korean government edits).

Every writer emits the title, each paragraph as one paragraph and each table as a table, so a file
re-opened with biseo's own parser gives back the same text; how each line is set (title, □ ○ - ※,
1. 가. …) is decided once in ``layout`` and drawn by the DOCX and HWPX writers alike.
"""

from __future__ import annotations

from biseo.domain.drafting.report import OfficialDocument

FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "hwpx": "application/hwp+zip",
}


def write_document(document: OfficialDocument, fmt: str) -> bytes:
    if fmt == "md":
        return document.markdown().encode("utf-8")
    if fmt == "docx":
        from biseo.adapters.export.docx_writer import write_docx

        return write_docx(document)
    if fmt == "hwpx":
        from biseo.adapters.export.hwpx_writer import write_hwpx

        return write_hwpx(document)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
