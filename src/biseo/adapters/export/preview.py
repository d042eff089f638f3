"""``Preview/PrvText.txt`` as 한/글 writes it (checked on the HWPX files in the shared corpus):
UTF-8, CRLF line ends, a table row as ``<cell><cell>…`` on one line, cut at 1,024 characters."""

from __future__ import annotations

from biseo.adapters.export.xml_text import xml_text
from biseo.domain.drafting.report import OfficialDocument, Table, block_text

PREVIEW_CHARS = 1024


def preview_text(document: OfficialDocument) -> str:
    lines = [document.title]
    for block in document.blocks:
        if isinstance(block, Table):
            lines += ["".join(f"<{cell}>" for cell in row) for row in block.rows]
        else:
            lines.append(block_text(block).strip())
    text = xml_text("\r\n".join(" ".join(line.split()) for line in lines) + "\r\n")
    return text[:PREVIEW_CHARS]
