"""PDF, DOCX, HTML, Markdown and text parsers on files built here with real writers."""

from __future__ import annotations

import io

import pytest

from biseo.adapters.parsers import ContentParser
from biseo.domain.documents.model import SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode

PARSER = ContentParser()


def make_pdf(pages: list[str], password: str | None = None) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    buffer = io.BytesIO()
    encrypt = StandardEncryption(password, canPrint=0) if password else None
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    for text in pages:
        pdf.setFont("HYSMyeongJo-Medium", 12)
        for i, line in enumerate(text.split("\n")):
            pdf.drawString(72, 720 - 18 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("2026년 민원 처리 계획", level=1)
    document.add_paragraph("민원 처리기간을 지켜 국민 불편을 줄인다.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "구분", "처리기간"
    table.cell(1, 0).text, table.cell(1, 1).text = "질의민원", "7일"
    document.add_heading("추진 일정", level=2)
    document.add_paragraph("3월부터 시행한다.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_pdf_text_and_page_spans():
    parsed = PARSER.parse(make_pdf(["민원 처리에 관한 법률 제19조", "둘째 쪽 처리기간의 계산"]), "x.pdf")
    assert parsed.format is SourceFormat.PDF
    assert [p.number for p in parsed.pages] == [1, 2]
    second = parsed.pages[1]
    assert "처리기간의 계산" in parsed.text[second.start : second.end]
    assert "제19조" in parsed.text[parsed.pages[0].start : parsed.pages[0].end]


def test_encrypted_pdf_is_refused():
    with pytest.raises(DocumentRejected) as caught:
        PARSER.parse(make_pdf(["비밀 문서"], password="secret"), "secret.pdf")
    assert caught.value.code is ErrorCode.ENCRYPTED


def test_pdf_without_text_is_refused_as_no_text():
    with pytest.raises(DocumentRejected) as caught:
        PARSER.parse(make_pdf([""]), "scan.pdf")
    assert caught.value.code is ErrorCode.NO_TEXT


def test_docx_headings_paragraphs_and_tables_in_order():
    parsed = PARSER.parse(make_docx(), "plan.bin")  # extension is irrelevant
    assert parsed.format is SourceFormat.DOCX
    assert [h.title for h in parsed.headings] == ["2026년 민원 처리 계획", "추진 일정"]
    assert "| 질의민원 | 7일 |" in parsed.text
    assert parsed.text.index("처리기간을 지켜") < parsed.text.index("| 구분") < parsed.text.index("3월부터")
    top = parsed.headings[0]
    assert parsed.text[top.start : top.end].endswith("3월부터 시행한다.")


HOSTILE_HTML = """<!DOCTYPE html><html><head><title>보도자료 — 행정안전부</title>
<script>alert('x'); document.write('스크립트 글자')</script><style>p{color:red}</style></head>
<body><h1>민원 제도 개선</h1><p onclick="steal()">처리기간을 <b>줄인다</b>.</p>
<div hidden>숨긴 글자</div><noscript>노스크립트 글자</noscript><iframe src="http://evil"></iframe>
<table><tr><th>구분</th><th>내용</th></tr><tr><td>기간</td><td>7일</td></tr></table>
<img src=x onerror="alert(1)"><p>끝.</p></body></html>"""


def test_html_keeps_visible_text_and_drops_scripts():
    parsed = PARSER.parse(HOSTILE_HTML.encode(), "page.txt")
    assert parsed.format is SourceFormat.HTML
    assert parsed.title == "보도자료 — 행정안전부"
    assert "처리기간을 줄인다." in parsed.text
    assert "| 기간 | 7일 |" in parsed.text
    for hidden in ("스크립트 글자", "alert", "color:red", "숨긴 글자", "노스크립트", "steal"):
        assert hidden not in parsed.text


def test_markdown_front_matter_becomes_metadata():
    data = "---\n제목: 민원 처리에 관한 법률\n공포일자: 2022-01-11\n소관부처:\n- 행정안전부\n---\n\n# 민원 처리에 관한 법률\n\n##### 제1조 (목적)\n\n**①** 이 법은 \\- 정한다.\n".encode()
    parsed = PARSER.parse(data, "법률.md")
    assert parsed.metadata["제목"] == "민원 처리에 관한 법률"
    assert parsed.metadata["공포일자"] == "2022-01-11"
    assert parsed.metadata["소관부처"] == ["행정안전부"]
    assert "① 이 법은 - 정한다." in parsed.text
    assert [h.level for h in parsed.headings] == [1, 5]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"])
def test_plain_text_in_korean_encodings(encoding):
    text = "민원 처리 결과를 알려드립니다.\n\n담당 부서: 건축과"
    parsed = PARSER.parse(text.encode(encoding), "answer.txt")
    assert parsed.format is SourceFormat.TEXT
    assert parsed.text == text


@pytest.mark.parametrize("seed", range(3))
def test_undetectable_encoding_is_refused(seed):
    import random

    rng = random.Random(seed)
    data = bytes(rng.choice(range(0x80, 0x100)) for _ in range(3000))  # no encoding reads this as text
    with pytest.raises(DocumentRejected) as caught:
        PARSER.parse(data, "mystery.txt")
    assert caught.value.code is ErrorCode.UNKNOWN_ENCODING


def test_whitespace_only_text_is_refused_as_no_text():
    with pytest.raises(DocumentRejected) as caught:
        PARSER.parse(b"   \n\n \t \n", "blank.txt")
    assert caught.value.code is ErrorCode.NO_TEXT
