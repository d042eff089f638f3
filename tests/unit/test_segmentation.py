from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.documents.model import Document, DocumentKind, Heading, SourceFormat
from biseo.domain.documents.segmentation import segment_document
from biseo.domain.documents.segmentation.blocks import blocks, pack
from biseo.domain.documents.segmentation.precedent import segment_precedent
from biseo.domain.documents.segmentation.press_release import segment_press_release
from biseo.domain.documents.segmentation.statute import segment_statute

pytestmark = pytest.mark.unit

STATUTE = """민원 처리에 관한 법률

제3장 민원의 처리

제19조 (처리기간의 계산)

① 민원의 처리기간을 5일 이하로 정한 경우에는 민원의 접수시각부터 "시간" 단위로 계산한다. 이 경우 1일은 8시간의 근무시간을 기준으로 한다.

② 민원의 처리기간을 6일 이상으로 정한 경우에는 "일" 단위로 계산하고 첫날을 산입한다.

제20조 삭제 <2016.2.3>

제20조의2 (처리기간의 연장)

행정기관의 장은 다음 각 호의 경우 연장할 수 있다.

  1. 부득이한 사유가 있는 경우
    가. 천재지변
    나. 그 밖의 사유
  2. 민원인이 동의한 경우

제4장 보칙

제21조(벌칙) 이 조는 제19조에 따른다.

부칙

부칙 <제13459호,2015.8.11>

이 법은 공포한 날부터 시행한다.
"""


def test_statute_articles_labels_and_spans():
    articles = segment_statute(STATUTE)
    assert [a.label for a in articles] == [
        "제19조(처리기간의 계산)",
        "제20조",
        "제20조의2(처리기간의 연장)",
        "제21조(벌칙)",
        "부칙",
    ]
    first = articles[0]
    assert STATUTE[first.span.start : first.span.end].startswith("제19조 (처리기간의 계산)")
    assert STATUTE[first.span.start : first.span.end].endswith("첫날을 산입한다.")
    assert (
        "제4장" not in STATUTE[articles[2].span.start : articles[2].span.end]
    )  # chapter heading ends an article


def test_statute_anchors_for_paragraphs_items_and_subitems():
    articles = {a.article: a for a in segment_statute(STATUTE)}
    assert [x.label for x in articles["제19조"].anchors] == ["제19조제1항", "제19조제2항"]
    labels = [x.label for x in articles["제20조의2"].anchors]
    assert labels == ["제20조의2제1호", "제20조의2제1호가목", "제20조의2제1호나목", "제20조의2제2호"]
    item1 = articles["제20조의2"].anchors[0]
    assert (
        STATUTE[item1.start : item1.end].startswith("1. 부득이한")
        and "그 밖의 사유" in STATUTE[item1.start : item1.end]
    )
    paragraph1 = articles["제19조"].anchors[0]
    assert STATUTE[paragraph1.start : paragraph1.end].endswith("기준으로 한다.")


def test_references_inside_sentences_do_not_start_articles():
    text = "제1조 (목적)\n\n이 법은\n제3조에 따른 사항을 정한다.\n\n제2조 (정의)\n\n정의한다."
    assert [a.article for a in segment_statute(text)] == ["제1조", "제2조"]


PRECEDENT = (
    "판시사항\n\n[1] 재량행위인지 여부\n\n판결요지\n\n[1] 재량행위에 속한다.\n\n참조조문\n\n행정소송법 제27조\n\n판례내용\n\n"
    + "\n\n".join(f"이유 {i}. " + "가나다라마바사 " * 30 for i in range(12))
)


def test_precedent_sections_and_windows():
    parts = segment_precedent(PRECEDENT, budget=600)
    labels = [label for _, label, _ in parts]
    assert labels[:3] == ["판시사항", "판결요지", "참조조문"]
    windows = [s for _, label, s in parts if label.startswith("판례내용")]
    assert len(windows) > 3 and all(s.end - s.start <= 600 for s in windows)
    assert labels[3] == f"판례내용 (1/{len(windows)})"


def test_press_release_headline_subheadline_body_and_attachment():
    text = (
        "| 보도시점 | 2026. 4. 8.(수) |\n| --- | --- |\n\n"
        "소상공인 114개 사, 방송광고 제작 지원 받아\n\n- 최대 900만 원 지원…1대1 상담도 -\n\n"
        "근로자 수가 10인 미만인 소상공인 114개 사가 방송광고 제작 지원을 받는다. 방송미디어통신위원회는 8일 밝혔다.\n\n"
        "붙임. 효과 평가\n\n□ 사업 개요"
    )
    parts = segment_press_release(text)
    kinds = [k for k, _, _ in parts]
    assert kinds == ["header", "headline", "subheadline", "paragraph", "attachment", "attachment"]
    headline = parts[1][2]
    assert text[headline.start : headline.end] == "소상공인 114개 사, 방송광고 제작 지원 받아"


def _doc(text: str, kind: DocumentKind, headings=()) -> Document:
    return Document(
        id="d" * 32,
        title="민원 처리에 관한 법률",
        kind=kind,
        format=SourceFormat.TEXT,
        text=text,
        source="/x",
        headings=headings,
    )


def test_segment_document_prefixes_law_title_and_numbers_in_order():
    segments = segment_document(_doc(STATUTE, DocumentKind.STATUTE))
    assert [s.number for s in segments] == list(range(len(segments)))
    assert segments[0].label == "민원 처리에 관한 법률 제19조(처리기간의 계산)"
    assert segments[0].anchors[0].label == "민원 처리에 관한 법률 제19조제1항"


def test_unstructured_statute_text_falls_back_to_generic_windows():
    segments = segment_document(_doc("조문 없는 법령 본문입니다.\n\n두 번째 문단.", DocumentKind.STATUTE))
    assert len(segments) == 1 and segments[0].kind in ("paragraph", "section")


def test_generic_segments_are_labelled_by_their_heading():
    text = "개요\n\n첫 문단입니다.\n\n세부 내용\n\n둘째 문단입니다."
    headings = (Heading(1, "개요", 0, 13), Heading(1, "세부 내용", 13, len(text)))
    segments = segment_document(_doc(text, DocumentKind.OTHER, headings))
    assert [s.label for s in segments] == ["개요", "세부 내용"]


paragraph_text = st.lists(
    st.text(alphabet=st.sampled_from("가나다라 .\t다.요.\n"), min_size=0, max_size=300),
    min_size=0,
    max_size=15,
).map(lambda parts: "\n\n".join(parts))


@given(paragraph_text, st.integers(min_value=20, max_value=500))
def test_packing_keeps_order_bounds_and_every_visible_character(text, budget):
    windows = pack(text, blocks(text), budget)
    previous_end = 0
    for w in windows:
        assert previous_end <= w.start < w.end <= len(text)
        assert w.end - w.start <= budget
        previous_end = w.end
    covered = set()
    for w in windows:
        covered.update(range(w.start, w.end))
    visible = {i for i, ch in enumerate(text) if not ch.isspace()}
    assert visible <= covered


@given(st.text(max_size=2000))
def test_every_kind_segments_any_text_within_bounds(text):
    for kind in (
        DocumentKind.STATUTE,
        DocumentKind.PRECEDENT,
        DocumentKind.PRESS_RELEASE,
        DocumentKind.OTHER,
    ):
        for s in segment_document(_doc(text, kind)):
            assert 0 <= s.start <= s.end <= len(text)
            for a in s.anchors:
                assert s.start <= a.start <= a.end <= s.end
