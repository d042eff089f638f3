"""DOCX through python-docx: A4 with 공문서 margins, 바탕 (Batang) for Latin and East Asian text,
the title centred and bold in the Title style, 개조식 hanging indents as paragraph indents and
tables in Table Grid with a shaded header row."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from biseo.adapters.export.layout import BODY_PT, TABLE_PT, TITLE, Align, SetLine, Shape, set_blocks
from biseo.adapters.export.xml_text import xml_text
from biseo.domain.drafting.report import OfficialDocument, Table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

FONT_LATIN = "Batang"
FONT_EAST_ASIA = "바탕"
_HEADER_FILL = "E7E6E6"


def write_docx(document: OfficialDocument) -> bytes:
    from docx import Document

    doc = Document()
    _page(doc)
    _fonts(doc)
    title = xml_text(document.title)
    _shape(doc.add_paragraph(title, style="Title"), TITLE)
    for item in set_blocks(document.blocks):
        if isinstance(item, Table):
            _table(doc, item)
        else:
            _line(doc, item)
    doc.core_properties.title = title
    doc.core_properties.language = "ko-KR"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc: DocxDocument) -> None:
    """A4 portrait; margins as the HWPX export (위 20, 아래 15, 좌우 30 mm)."""
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(15)
        section.left_margin = section.right_margin = Mm(30)


def _fonts(doc: DocxDocument) -> None:
    """바탕 everywhere: the theme fonts of the default template are replaced, Korean language set."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    for r_pr in defaults.iter(qn("w:rPr")) if defaults is not None else ():
        _set_fonts(r_pr)
        lang = r_pr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "ko-KR")
            lang.set(qn("w:eastAsia"), "ko-KR")
    for spacing in defaults.iter(qn("w:spacing")) if defaults is not None else ():
        spacing.set(qn("w:after"), "0")
    # 한/글 keeps Hangul and digits together (2건, not 2 건) and may break a Korean line inside a
    # word, so a justified line is not stretched by wide gaps; set on Normal, in schema order
    normal_p_pr = doc.styles["Normal"].element.get_or_add_pPr()
    for name in ("w:wordWrap", "w:autoSpaceDE", "w:autoSpaceDN"):
        normal_p_pr.append(normal_p_pr.makeelement(qn(name), {qn("w:val"): "0"}))
    title = doc.styles["Title"]
    for child in list(title.element):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            title.element.remove(child)
    for style in (doc.styles["Normal"], title):
        style.font.name = FONT_LATIN
        _set_fonts(style.element.get_or_add_rPr())
        style.font.color.rgb = RGBColor(0, 0, 0)
    doc.styles["Normal"].font.size = Pt(BODY_PT)


def _set_fonts(r_pr: Any) -> None:
    from docx.oxml.ns import qn

    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, fonts)
    for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(name), None)
    for name in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(name), FONT_LATIN)
    fonts.set(qn("w:eastAsia"), FONT_EAST_ASIA)


def _line(doc: DocxDocument, line: SetLine) -> None:
    _shape(doc.add_paragraph(xml_text(line.text)), line.shape)


def _shape(paragraph: DocxParagraph, shape: Shape) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    alignment = {
        Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
        Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
        Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
        Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment[shape.align]
    fmt.left_indent = Pt(shape.left_em * BODY_PT)
    fmt.first_line_indent = Pt(-shape.hanging_em * BODY_PT)
    fmt.space_before = Pt(shape.space_before_pt)
    fmt.space_after = Pt(10 if shape is TITLE else 0)
    fmt.line_spacing = 1.3
    for run in paragraph.runs:
        run.font.size = Pt(shape.size_pt)
        run.font.bold = shape.bold


def _table(doc: DocxDocument, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc.add_paragraph().paragraph_format.line_spacing = Pt(6)  # air above the table (read back as nothing)
    grid = doc.add_table(rows=len(table.rows), cols=len(table.rows[0]))
    grid.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = xml_text(value)
            if r == 0:
                shading = cell._tc.get_or_add_tcPr().makeelement(qn("w:shd"), {})
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), _HEADER_FILL)
                cell._tc.get_or_add_tcPr().append(shading)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
                for run in paragraph.runs:
                    run.font.size = Pt(TABLE_PT)
                    run.font.bold = r == 0
