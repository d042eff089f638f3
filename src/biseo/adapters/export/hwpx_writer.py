"""HWPX through python-hwpx: 함초롬바탕, the title centred and bold, 개조식 hanging indents as
paragraph shapes (paraPr margins in header.xml), tables with solid borders, the document title in
the package metadata and a preview text (``Preview/PrvText.txt``) as 한/글 writes it."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from biseo.adapters.export.layout import (
    BODY_PT,
    TABLE_PT,
    TITLE,
    Align,
    Shape,
    set_blocks,
)
from biseo.adapters.export.preview import preview_text
from biseo.adapters.export.xml_text import xml_text
from biseo.domain.drafting.report import OfficialDocument, Table

if TYPE_CHECKING:
    from hwpx import HwpxDocument
    from hwpx.oxml.paragraph import HwpxOxmlParagraph

FONT = "함초롬바탕"  # 한/글's own serif, the body face of 한/글 공문서 templates
_MM_PER_PT = 25.4 / 72
_HEADER_FILL = "#E7E6E6"
_ALIGN = {Align.LEFT: "LEFT", Align.CENTER: "CENTER", Align.RIGHT: "RIGHT", Align.JUSTIFY: "JUSTIFY"}


def write_hwpx(document: OfficialDocument) -> bytes:
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    doc.styles.ensure_font(FONT)
    shaped: dict[Shape, list[HwpxOxmlParagraph]] = defaultdict(list)
    title = xml_text(document.title)
    first = doc.paragraphs[0]  # 한/글 keeps the section settings (secPr) in the first paragraph's first run
    first.runs[-1].text = title
    first.runs[-1].char_pr_id_ref = _run(doc, TITLE)
    shaped[TITLE].append(first)
    for item in set_blocks(document.blocks):
        if isinstance(item, Table):
            _table(doc, item)
        else:
            text = xml_text(item.text)
            shaped[item.shape].append(_paragraph(doc, text, item.shape))
    for shape, paragraphs in shaped.items():
        _format(doc, paragraphs, shape)
    doc.parts.set_document_metadata(title=title)
    doc.package.write("Preview/PrvText.txt", preview_text(document).encode("utf-8"))
    data: bytes = doc.to_bytes()
    return data


def _run(doc: HwpxDocument, shape: Shape) -> str:
    return doc.styles.ensure_run(font=FONT, size=shape.size_pt, bold=shape.bold)


def _paragraph(doc: HwpxDocument, text: str, shape: Shape) -> HwpxOxmlParagraph:
    return doc.add_paragraph(text, char_pr_id_ref=_run(doc, shape), inherit_style=False)


def _format(doc: HwpxDocument, paragraphs: list[HwpxOxmlParagraph], shape: Shape) -> None:
    """One paragraph shape (paraPr) for every paragraph set alike; indents in mm of the body em."""
    em_mm = BODY_PT * _MM_PER_PT
    doc.styles.apply_paragraph_format(
        paragraphs=paragraphs,
        alignment=_ALIGN[shape.align],
        indent_left_mm=round(shape.left_em * em_mm, 2),
        first_line_indent_mm=round(-shape.hanging_em * em_mm, 2),
        spacing_before_pt=shape.space_before_pt,
        spacing_after_pt=10.0 if shape is TITLE else 0.0,
        line_spacing_percent=160,
    )


def _table(doc: HwpxDocument, table: Table) -> None:
    rows, cols = len(table.rows), len(table.rows[0])
    solid = doc.styles.ensure_border_fill(border_color="#000000", border_width="0.12 mm")
    grid = doc.add_table(rows, cols, border_fill_id_ref=solid)
    head = doc.styles.ensure_run(font=FONT, size=TABLE_PT, bold=True)
    body = doc.styles.ensure_run(font=FONT, size=TABLE_PT, bold=False)
    cells: list[HwpxOxmlParagraph] = []
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = xml_text(value)
            paragraphs = grid.cell(r, c).paragraphs
            for paragraph in paragraphs:
                paragraph.char_pr_id_ref = head if r == 0 else body
            cells += paragraphs
            if r == 0:
                grid.set_cell_shading(r, c, _HEADER_FILL)
    doc.styles.apply_paragraph_format(paragraphs=cells, alignment="CENTER", line_spacing_percent=130)
    doc.styles.apply_paragraph_format(paragraphs=[grid.paragraph], spacing_before_pt=6.0)
