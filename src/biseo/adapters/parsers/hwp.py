"""HWP 5.x and HWPX through python-hwpx (Apache-2.0), rendered to text by our own walk of its OWPML tree.

python-hwpx converts HWP 5.x into the same OWPML model as HWPX, so one walker reads both.
Tables become Markdown pipe tables; one-column tables (the boxes Korean documents put
headlines and summaries in) become plain lines; text boxes and footnotes are kept,
page headers and footers are dropped as repeated noise.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from biseo.adapters.parsers.archive_guard import ArchiveLimits, check_archive
from biseo.adapters.parsers.builder import TextBuilder, clean_line, markdown_table, plausible_title
from biseo.domain.documents.model import ParsedDocument, SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode

_HWP5_CODES = {
    "hwp5-password": ErrorCode.ENCRYPTED,
    "hwp5-drm": ErrorCode.ENCRYPTED,
    "hwp5-distribution": ErrorCode.DISTRIBUTION_LOCKED,
}
_SKIPPED = {"header", "footer", "pageNum", "pageHiding", "secPr", "colPr", "linesegarray", "fieldBegin"}
_INLINE = {"tab": "\t", "lineBreak": "\n", "nbSpace": " ", "fwSpace": " ", "hyphen": "-"}


def parse_hwp(data: bytes, fmt: SourceFormat, limits: ArchiveLimits) -> ParsedDocument:
    if fmt is SourceFormat.HWPX:
        check_archive(data, limits)
        _refuse_encrypted_hwpx(data)
    from hwpx import HwpxDocument  # heavy: imported only when an HWP file arrives
    from hwpx.errors import HwpxError

    caught: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            document = HwpxDocument.open(data)
            sections = [section.element for section in document.sections]
            declared = _metadata_title(document)
        caught = sorted({str(w.message) for w in seen})
    except HwpxError as exc:
        code = _HWP5_CODES.get(getattr(exc, "code", ""), ErrorCode.CORRUPT)
        raise DocumentRejected(
            code, f"python-hwpx refused the file: {getattr(exc, 'code', '')} {exc}"
        ) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, IndexError, TypeError) as exc:
        raise DocumentRejected(ErrorCode.CORRUPT, f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and other parser internals
        raise DocumentRejected(ErrorCode.CORRUPT, f"{type(exc).__name__}: {exc}") from exc
    builder = TextBuilder()
    for section in sections:
        for paragraph in _paragraphs(section):
            _render_paragraph(paragraph, builder)
    text, headings, _ = builder.build()
    title = plausible_title(declared, text)
    return ParsedDocument(format=fmt, text=text, title=title, headings=headings, warnings=tuple(caught))


def _metadata_title(document: Any) -> str | None:
    """The title in the package's metadata (content.hpf, or HWP 5's summary information)."""
    try:
        title = document.package.document_metadata().title
    except Exception:  # metadata is optional; a file without it is still a document
        return None
    return title if isinstance(title, str) else None


def _refuse_encrypted_hwpx(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "META-INF/manifest.xml" in archive.namelist():
            manifest = archive.read("META-INF/manifest.xml")
            if b"encryption-data" in manifest:
                raise DocumentRejected(ErrorCode.ENCRYPTED, "HWPX package with encrypted parts")


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _paragraphs(element: Any) -> Iterator[Any]:
    """The nearest ``p`` descendants of ``element`` (not paragraphs nested inside them)."""
    for child in element:
        name = _local(child)
        if name == "p":
            yield child
        elif name not in _SKIPPED:
            yield from _paragraphs(child)


def _text_of(t_element: Any) -> str:
    parts = [t_element.text or ""]
    for child in t_element:
        parts.append(_INLINE.get(_local(child), ""))
        parts.append(child.tail or "")
    return "".join(parts)


def _render_paragraph(paragraph: Any, builder: TextBuilder) -> None:
    line: list[str] = []
    trailing: list[Any] = []  # objects rendered after the paragraph's own line

    for run in paragraph:
        if _local(run) != "run":
            continue
        for child in run:
            name = _local(child)
            if name == "t":
                line.append(_text_of(child))
            elif name == "tab":
                line.append("\t")
            elif name == "tbl":
                trailing.append(child)
            elif name not in _SKIPPED:
                trailing.extend(p for p in _paragraphs(child))
    own = "".join(line)
    if own.strip():
        builder.block(own)
    for item in trailing:
        if _local(item) == "tbl":
            _render_table(item, builder)
        else:
            _render_paragraph(item, builder)


def _cell_text(cell: Any) -> str:
    pieces: list[str] = []
    for paragraph in _paragraphs(cell):
        sub = TextBuilder()
        _render_paragraph(paragraph, sub)
        text, _, _ = sub.build()
        if text:
            pieces.append(text)
    return "\n".join(pieces)


def _render_table(table: Any, builder: TextBuilder) -> None:
    cells: dict[tuple[int, int], str] = {}
    rows = cols = 0
    for row_index, row in enumerate(child for child in table if _local(child) == "tr"):
        col_cursor = 0
        for cell in (c for c in row if _local(c) == "tc"):
            r, c, row_span, col_span = row_index, col_cursor, 1, 1
            for part in cell:
                if _local(part) == "cellAddr":
                    r = int(part.get("rowAddr", r))
                    c = int(part.get("colAddr", c))
                elif _local(part) == "cellSpan":
                    row_span = int(part.get("rowSpan", 1))
                    col_span = int(part.get("colSpan", 1))
            cells[(r, c)] = _cell_text(cell)
            col_cursor = c + col_span
            rows = max(rows, r + row_span)
            cols = max(cols, c + col_span)
    captions = [p for child in table if _local(child) == "caption" for p in _paragraphs(child)]
    _render_cells(cells, rows, cols, builder)
    for paragraph in captions:  # 표 캡션 (e.g. "* 각 용도지역별 …" under a table)
        _render_paragraph(paragraph, builder)


def _render_cells(cells: dict[tuple[int, int], str], rows: int, cols: int, builder: TextBuilder) -> None:
    if not cells:
        return
    non_empty_cols = {c for (_, c), text in cells.items() if text.strip()}
    if cols <= 1 or len(non_empty_cols) <= 1 or len(cells) == 1:
        for key in sorted(cells):
            if cells[key].strip():
                builder.block(cells[key])
        return
    grid = [[cells.get((r, c), "") for c in range(cols)] for r in range(rows)]
    grid = [row for row in grid if any(clean_line(cell) for cell in row)]
    if grid:
        builder.block(markdown_table(grid), keep_lines=True)
