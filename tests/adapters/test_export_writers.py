"""DOCX and HWPX exports read back with biseo's parser and with python-hwpx / python-docx: the same
lines come back, and the files carry the 공문서 look as properties (title centred and bold, hanging
indents as paragraph shapes, 바탕 fonts, bordered tables, the preview text), not as spaces."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from lxml import etree

from biseo.adapters.export.writers import write_document
from biseo.adapters.parsers import ContentParser
from biseo.domain.drafting.report import OfficialDocument, SourceDigest, Table, press_release, report
from biseo.domain.drafting.report import text_document as reply_document
from biseo.domain.drafting.summary import Bullet, Summary

pytestmark = pytest.mark.integration

NS = {
    "hh": "http://www.hancom.co.kr/hwpml/2011/head",
    "hp": "http://www.hancom.co.kr/hwpml/2011/paragraph",
    "hc": "http://www.hancom.co.kr/hwpml/2011/core",
}
LONG = "보행자 안전을 위해 어린이보호구역 내 노상주차장을 폐지하고 무인 단속 장비를 추가로 설치하는 방안 검토 필요"


def _digest(number: int, title: str) -> SourceDigest:
    texts = (LONG, "현장 점검 결과 불법 주정차 민원 전년 대비 23% 증가", "주민 설명회 2회 개최 추진")
    return SourceDigest(number, title, "보도자료", Summary(title, tuple(Bullet(t, 0, 1, "-") for t in texts)))


DAY = date(2026, 4, 6)
DOCUMENTS = {
    "report": report(
        "어린이보호구역 주정차 대책",
        [_digest(1, "지정 현황"), _digest(2, "단속 실적")],
        DAY,
        "교통과",
        "결정적",
    ),
    "press": press_release(
        "어린이보호구역 단속 강화", [_digest(1, "지정 현황")], DAY, "local", "교통과", "결정적"
    ),
    "reply": reply_document(
        "민원 답변서",
        "1. 귀하의 민원에 대한 검토 결과를 알려드립니다.\n  가. "
        + LONG
        + "\n    1) 출퇴근 시간대 집중 단속\n2. 기타 문의는 교통과로 하여 주십시오.  끝.",
    ),
}


def _expected_lines(document: OfficialDocument) -> list[str]:
    lines = [document.title]
    for block in document.blocks:
        if isinstance(block, Table):
            lines += ["| " + " | ".join(row) + " |" for row in block.rows]
        else:
            lines.append(" ".join(getattr(block, "text", block).split()))
    return [line for line in lines if line]


def _parsed_lines(data: bytes, fmt: str) -> list[str]:
    text = ContentParser().parse(data, f"export.{fmt}").text
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return [line for line in lines if not set(line) <= set("|- ")]  # the Markdown table rule


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_line_comes_back_through_biseos_parser(name, fmt):
    document = DOCUMENTS[name]
    assert _parsed_lines(write_document(document, fmt), fmt) == _expected_lines(document)


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_python_hwpx_reads_the_same_paragraphs(name):
    from hwpx import HwpxDocument

    document = DOCUMENTS[name]
    reopened = HwpxDocument.open(write_document(document, "hwpx"))
    assert reopened.validate().ok  # header and section against the OWPML schema
    texts = [" ".join(p.text.split()) for p in reopened.paragraphs if p.text.strip()]
    expected = [line for line in _expected_lines(document) if not line.startswith("|")]
    assert texts == expected
    cells = (
        [reopened.tables[0].cell(r, c).text for r in range(2) for c in range(4)] if reopened.tables else []
    )
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert cells == [cell for t in tables for row in t.rows for cell in row]


def _hwpx_parts(data: bytes) -> tuple[etree._Element, etree._Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    header = etree.fromstring(archive.read("Contents/header.xml"))
    section = etree.fromstring(archive.read("Contents/section0.xml"))
    return header, section, archive


def _hwpx_paragraphs(data: bytes) -> dict[str, dict[str, object]]:
    """Each body paragraph's text → its alignment, margins (HWPUNIT), size, boldness and face."""
    header, section, _ = _hwpx_parts(data)
    para = {p.get("id"): p for p in header.iterfind(".//hh:paraPr", NS)}
    char = {c.get("id"): c for c in header.iterfind(".//hh:charPr", NS)}
    faces = {
        f.get("id"): f.get("face") for f in header.iterfind(".//hh:fontface[@lang='HANGUL']/hh:font", NS)
    }
    out: dict[str, dict[str, object]] = {}
    for p in section.iterfind("hp:p", NS):
        runs = [
            r for r in p.iterfind("hp:run", NS) if r.find("hp:t", NS) is not None and "".join(r.itertext())
        ]
        if not runs:
            continue
        shape, look = para[p.get("paraPrIDRef")], char[runs[0].get("charPrIDRef")]
        margin = shape.find("hp:switch/hp:case/hh:margin", NS)
        values = {m.tag.rsplit("}", 1)[1]: int(m.get("value")) for m in margin} if margin is not None else {}
        out["".join(r.findtext("hp:t", "", NS) for r in runs)] = {
            "align": shape.find("hh:align", NS).get("horizontal"),
            "left": values.get("left", 0),
            "intent": values.get("intent", 0),
            "height": int(look.get("height")),
            "bold": look.find("hh:bold", NS) is not None,
            "face": faces[look.find("hh:fontRef", NS).get("hangul")],
        }
    return out


def test_hwpx_title_is_centred_bold_and_larger_in_hamchorom_batang():
    shapes = _hwpx_paragraphs(write_document(DOCUMENTS["report"], "hwpx"))
    title, body = shapes["어린이보호구역 주정차 대책"], shapes[f" ○ {LONG} [1]".strip()]
    assert title["align"] == "CENTER" and title["bold"] and title["height"] >= 2000
    assert body["height"] == 1500 and not body["bold"] and title["face"] == body["face"] == "함초롬바탕"
    assert shapes["□ 검토 배경"]["bold"] and shapes["2026. 4. 6.  교통과"]["align"] == "RIGHT"


def test_hwpx_markers_hang_by_paragraph_margins_not_spaces():
    shapes = _hwpx_paragraphs(write_document(DOCUMENTS["report"], "hwpx"))
    assert all(not text.startswith(" ") for text in shapes)  # the typed indentation is gone
    heading, point = shapes["□ 검토 배경"], shapes[f"○ {LONG} [1]"]
    note = shapes["※ 출처: [1] 지정 현황 (보도자료)"]
    assert 0 <= heading["left"] < point["left"] < note["left"]
    assert point["intent"] < 0 < point["left"] + point["intent"]  # 내어쓰기: ○ one character in,
    assert heading["left"] + heading["intent"] == 0  # □ at the margin, wrapped text under the words
    reply = _hwpx_paragraphs(write_document(DOCUMENTS["reply"], "hwpx"))
    lefts = [
        reply[t]["left"]
        for t in (
            "1. 귀하의 민원에 대한 검토 결과를 알려드립니다.",
            f"가. {LONG}",
            "1) 출퇴근 시간대 집중 단속",
        )
    ]
    assert lefts == sorted(lefts) and len(set(lefts)) == 3
    assert reply[f"가. {LONG}"]["intent"] < 0


def test_hwpx_table_has_solid_borders_and_the_responsible_unit_has_no_placeholder():
    header, section, _ = _hwpx_parts(write_document(DOCUMENTS["press"], "hwpx"))
    fills = {b.get("id"): b for b in header.iterfind(".//hh:borderFill", NS)}
    table = section.find(".//hp:tbl", NS)
    for ref in [table.get("borderFillIDRef")] + [
        tc.get("borderFillIDRef") for tc in table.iter(f"{{{NS['hp']}}}tc")
    ]:
        sides = [
            fills[ref].find(f"hh:{side}Border", NS).get("type") for side in ("left", "right", "top", "bottom")
        ]
        assert sides == ["SOLID"] * 4, ref
    cells = ["".join(tc.itertext()) for tc in table.iter(f"{{{NS['hp']}}}tc")]
    assert cells[4] == "교통과" and "local" not in "".join(cells)


def test_hwpx_preview_text_and_title_metadata_as_hangul_writes_them():
    _, _, archive = _hwpx_parts(write_document(DOCUMENTS["press"], "hwpx"))
    preview = archive.read("Preview/PrvText.txt").decode("utf-8")
    lines = preview.split("\r\n")
    assert (
        lines[0] == "보도자료"
        and "어린이보호구역 단속 강화" in lines
        and "\n" not in preview.replace("\r\n", "")
    )
    assert (
        "<담당 부서><책임자><담당자><연락처>" in lines
        and "<교통과><과장 (성명)><주무관 (성명)><(전화번호)>" in lines
    )
    assert b'full-path="Preview/PrvText.txt"' in archive.read("META-INF/container.xml")
    assert b"<opf:title>\xeb\xb3\xb4\xeb\x8f\x84\xec\x9e\x90\xeb\xa3\x8c</opf:title>" in archive.read(
        "Contents/content.hpf"
    )
    long = OfficialDocument("제목", [LONG] * 40)
    assert (
        len(zipfile.ZipFile(io.BytesIO(write_document(long, "hwpx"))).read("Preview/PrvText.txt").decode())
        <= 1024
    )


def test_docx_title_fonts_indents_and_table_grid():
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    doc = docx.Document(io.BytesIO(write_document(DOCUMENTS["report"], "docx")))
    title = doc.paragraphs[0]
    assert title.style.name == "Title" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold and run.font.size.pt == 20 for run in title.runs)
    assert doc.core_properties.title == "어린이보호구역 주정차 대책"
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "바탕" and fonts.get(qn("w:ascii")) == "Batang"
    by_text = {p.text: p.paragraph_format for p in doc.paragraphs}
    heading, point = by_text["□ 검토 배경"], by_text[f"○ {LONG} [1]"]
    assert (heading.left_indent or 0) < point.left_indent and point.first_line_indent < 0
    assert point.left_indent + point.first_line_indent > 0
    assert not any(p.text.startswith(" ") for p in doc.paragraphs)
    press = docx.Document(io.BytesIO(write_document(DOCUMENTS["press"], "docx")))
    assert press.tables[0].style.name == "Table Grid" and press.tables[0].cell(1, 0).text == "교통과"
    assert round(doc.sections[0].page_width.mm) == 210 and round(doc.sections[0].page_height.mm) == 297


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
def test_characters_xml_cannot_hold_are_dropped_and_the_rest_kept(fmt):
    document = OfficialDocument(
        "민원\x00 답변서",
        ["1. 처리기간은\x0b 7일입니다.", Table((("부서", "담당\ud800자"), ("건축과", "김\x0c담당"))), "끝."],
    )
    parsed = ContentParser().parse(write_document(document, fmt), f"draft.{fmt}")
    lines = [line for line in parsed.text.splitlines() if line.strip()]
    assert lines == [
        "민원 답변서",
        "1. 처리기간은 7일입니다.",
        "| 부서 | 담당자 |",
        "| --- | --- |",
        "| 건축과 | 김담당 |",
        "끝.",
    ]
