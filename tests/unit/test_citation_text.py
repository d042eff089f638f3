"""보낼 문안: [n] markers become 「법령」 제N조 citations, past cases and the official's ※ notes vanish."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.drafting.citation_text import CitedSource, article_citation, outgoing_text, unfilled

pytestmark = pytest.mark.unit

SOURCES = [
    CitedSource(1, "answer", "유사 민원 97674 「주차장이 너무 어두워요」"),
    CitedSource(2, "article", "「민원 처리에 관한 법률」 제19조(처리기간의 계산)"),
    CitedSource(3, "article", "「주차장법 시행규칙」 제6조의2제1항(노외주차장의 구조·설비기준)"),
]
NOTE = "관련 근거는 검색으로 찾은 조문입니다. 이 민원에 적용되는지 확인해 주십시오."
DRAFT = f"""1. 귀하께 감사드립니다.
2. 「공영주차장 조명」 관련 민원의 요지는 다음과 같습니다.
  가. 공영주차장이 야간에 어둡습니다.
3. 검토 결과 및 조치 계획은 다음과 같습니다.
  가. 해당 주차장에 조명을 추가로 설치하였습니다. [1]
  나. 민원은 처리기간 내에 처리합니다. [2]
4. 관련 근거는 다음과 같습니다.
  가. 「민원 처리에 관한 법률」 제19조(처리기간의 계산) [2]
  ※ {NOTE}
5. 기타 궁금하신 사항은 교통과(☎ 담당자 연락처)로 문의하여 주시면 성심껏 안내해 드리겠습니다.  끝."""


def test_an_article_marker_becomes_the_citation_before_the_closing_period():
    out = outgoing_text(DRAFT, SOURCES, [NOTE])
    assert "  나. 민원은 처리기간 내에 처리합니다(「민원 처리에 관한 법률」 제19조)." in out.splitlines()


def test_a_past_answer_marker_leaves_no_trace():
    out = outgoing_text(DRAFT, SOURCES, [NOTE])
    assert "  가. 해당 주차장에 조명을 추가로 설치하였습니다." in out.splitlines()
    assert "[" not in out and "97674" not in out


def test_a_grounds_line_that_names_the_article_is_not_cited_twice():
    out = outgoing_text(DRAFT, SOURCES, [NOTE])
    assert "  가. 「민원 처리에 관한 법률」 제19조(처리기간의 계산)" in out.splitlines()
    assert out.count("「민원 처리에 관한 법률」") == 2  # the finding's citation and the grounds line


def test_the_official_notes_go_and_the_rest_of_the_form_stays():
    out = outgoing_text(DRAFT, SOURCES, [NOTE])
    assert "※" not in out and "확인해 주십시오" not in out
    assert out.endswith("안내해 드리겠습니다.  끝.")  # the two spaces before 끝. are the 공문서 form
    assert len(out.splitlines()) == len(DRAFT.splitlines()) - 1


def test_a_note_the_official_wrote_for_the_citizen_is_kept():
    text = DRAFT.replace(f"  ※ {NOTE}", "  ※ 신청은 구청 누리집에서도 할 수 있습니다.")
    assert "  ※ 신청은 구청 누리집에서도 할 수 있습니다." in outgoing_text(text, SOURCES, [NOTE]).splitlines()


def test_a_marker_inside_a_sentence_cites_right_after_the_word_it_followed():
    out = outgoing_text("  다. 이에 따라 [3] 주차장 조명을 관리합니다. [1]", SOURCES)
    assert out == "  다. 이에 따라(「주차장법 시행규칙」 제6조의2제1항) 주차장 조명을 관리합니다."


def test_several_markers_become_one_bracket_and_repeat_no_article():
    out = outgoing_text("  가. 기간 내 처리합니다. [2][1] [3][2]", SOURCES)
    assert (
        out
        == "  가. 기간 내 처리합니다(「민원 처리에 관한 법률」 제19조, 「주차장법 시행규칙」 제6조의2제1항)."
    )


def test_a_number_without_a_source_is_removed():
    assert outgoing_text("[7] 조치하였습니다. [8]", SOURCES) == "조치하였습니다."


def test_a_model_written_mention_of_a_past_case_is_taken_out():
    text = "  가. 유사 민원 97674에서와 같이 조명을 설치합니다. (유사 민원 1203 「가로등」) 참고 바랍니다."
    assert outgoing_text(text, SOURCES) == "  가. 조명을 설치합니다. 참고 바랍니다."


@pytest.mark.parametrize(
    ("label", "cited"),
    [
        ("「민원 처리에 관한 법률」 제19조(처리기간의 계산)", "「민원 처리에 관한 법률」 제19조"),
        ("「도로교통법」 제32조의2(정차 및 주차의 금지)", "「도로교통법」 제32조의2"),
        ("「건축법 시행령」 제 3 조 제2항", "「건축법 시행령」 제 3 조 제2항"),
        ("주민등록 사무처리지침", "주민등록 사무처리지침"),  # not an article: the label as it is
    ],
)
def test_article_citation_keeps_the_law_and_the_number_and_drops_the_caption(label, cited):
    assert article_citation(label) == cited


def test_unfilled_lists_what_the_official_still_has_to_write():
    text = "3. 검토 결과 및 조치 계획: (담당자가 현장 확인 후 작성)\n4. 교통과(☎ 담당자 연락처)  끝."
    assert unfilled(text) == ["(담당자가 현장 확인 후 작성)", "(☎ 담당자 연락처)"]
    assert unfilled("4. 교통과(☎ 032-760-7000)로 문의하여 주십시오.  끝.") == []


_LINE = st.text(alphabet="가나다라 .,()[]0123456789※「」유사민원", max_size=40)


@given(st.lists(_LINE, max_size=6))
def test_no_marker_or_past_case_number_survives_any_text(lines):
    out = outgoing_text("\n".join(lines), SOURCES)
    assert not re.search(r"\[\d{1,3}\]", out)
    assert not re.search(r"유사\s*민원\s*\d", out)
