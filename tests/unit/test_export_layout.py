"""How a 공문서 line is set, read from its marker (the rule both DOCX and HWPX writers draw), and the
보도자료 담당 부서 cell that never prints an account id such as ``local``."""

from __future__ import annotations

from datetime import date

import pytest

from biseo.adapters.export.layout import TITLE, Align, SetLine, set_blocks
from biseo.domain.drafting.report import Paragraph, Role, Table, press_release, responsible_unit

pytestmark = pytest.mark.unit


def _shapes(*lines: str) -> list[SetLine]:
    out = set_blocks(list(lines))
    assert all(isinstance(line, SetLine) for line in out)
    return [line for line in out if isinstance(line, SetLine)]


def test_gaejosik_markers_step_in_one_character_a_level_and_hang():
    heading, point, detail, note = _shapes(
        "□ 추진 배경", " ○ 민원 증가", "   - 전년 대비 23% 증가", "   ※ 출처: 통계"
    )
    assert heading.shape.bold and heading.shape.size_pt > point.shape.size_pt
    starts = [s.shape.left_em - s.shape.hanging_em for s in (heading, point, detail)]
    assert starts == pytest.approx([0, 1, 2])  # the marker: one Hangul character further in each level
    assert all(s.shape.hanging_em > 0 for s in (heading, point, detail, note))  # wrapped text under the words
    assert note.shape.left_em > detail.shape.left_em - detail.shape.hanging_em  # ※ under the line it notes
    assert [s.text for s in (point, detail)] == ["○ 민원 증가", "- 전년 대비 23% 증가"]  # typed spaces gone


def test_official_item_numbers_nest_in_their_order():
    lines = _shapes("1. 가", "가. 나", "1) 다", "가) 라", "(1) 마", "(가) 바", "① 사", "㉮ 아")
    starts = [s.shape.left_em - s.shape.hanging_em for s in lines]
    assert starts == pytest.approx(list(range(8)))


@pytest.mark.parametrize(
    "line",
    ["2024. 3. 29. 회의 개최", "가나다라 순으로 정렬", "-1도 이하 한파 예보", "·중점 관리", "※주의", "끝."],
)
def test_lines_without_a_marker_and_space_are_body_text(line):
    (set_line,) = _shapes(line)
    assert set_line.shape.left_em == 0 or line.startswith("※")  # ※ without a space is still a note
    assert not set_line.shape.bold


def test_a_note_at_the_margin_stays_at_the_margin_and_roles_set_their_own_lines():
    _, note = _shapes(" ○ 예산 확보 필요", "※ 결정적 초안")
    assert note.shape.left_em - note.shape.hanging_em == 0
    headline, dateline, table = set_blocks(
        [Paragraph("단속 강화", Role.HEADLINE), Paragraph("2026. 4. 6.", Role.DATELINE), Table((("a",),))]
    )
    assert isinstance(headline, SetLine) and headline.shape.align is Align.CENTER and headline.shape.bold
    assert isinstance(dateline, SetLine) and dateline.shape.align is Align.RIGHT
    assert isinstance(table, Table) and TITLE.bold and TITLE.size_pt >= 20


@pytest.mark.parametrize(
    ("agency", "department", "shown"),
    [
        ("local", "교통과", "교통과"),  # an account id, not a name
        ("incheon-junggu", "교통과", "교통과"),
        (None, "교통과", "교통과"),
        ("인천광역시 중구", "교통과", "인천광역시 중구 교통과"),
        ("인천광역시 중구", "인천광역시 중구 교통과", "인천광역시 중구 교통과"),
        ("인천광역시 중구", None, "인천광역시 중구 (부서명)"),
        ("local", "  ", "(부서명)"),
    ],
)
def test_responsible_unit_prints_names_only(agency, department, shown):
    assert responsible_unit(agency, department) == shown


def test_press_release_table_carries_the_department_without_the_placeholder_agency():
    press = press_release("단속 강화", [], date(2026, 4, 6), "local", "교통과", "결정적")
    table = next(b for b in press.blocks if isinstance(b, Table))
    assert table.rows[1][0] == "교통과" and "local" not in press.markdown()
