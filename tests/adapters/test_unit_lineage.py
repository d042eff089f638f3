"""부서 개편: a later unit takes over an earlier one only when the names share a stem, they did not
work side by side, and the later one reads like the earlier one more than almost any other unit."""

from __future__ import annotations

from datetime import date

import pytest

from biseo.domain.complaints.unit_lineage import UnitSpan, share_stem, stem, successors
from biseo.services.complaints.unit_lineage import parse_day

pytestmark = pytest.mark.integration

SPANS = {
    "교통운영과": UnitSpan("교통운영과", date(2012, 12, 1), date(2014, 2, 1), 30),
    "교통행정과": UnitSpan("교통행정과", date(2014, 3, 1), date(2016, 6, 1), 28),
    "교통운수과": UnitSpan("교통운수과", date(2017, 1, 5), date(2020, 11, 30), 46),
    "건축과": UnitSpan("건축과", date(2012, 10, 1), date(2020, 7, 1), 56),
    "위생과": UnitSpan("위생과", date(2013, 5, 1), date(2014, 12, 1), 9),
    "위생환경과": UnitSpan("위생환경과", date(2017, 3, 1), date(2019, 7, 1), 9),
    "공원녹지과": UnitSpan("공원녹지과", date(2012, 1, 1), date(2020, 1, 1), 20),
}
SIMILAR = {
    frozenset({"교통운영과", "교통행정과"}): 0.9,
    frozenset({"교통행정과", "교통운수과"}): 0.8,
    frozenset({"교통운영과", "교통운수과"}): 0.7,
    frozenset({"위생과", "위생환경과"}): 0.01,  # same stem, but reads like neither
}


def similarity(a: str, b: str) -> float:
    return SIMILAR.get(frozenset({a, b}), 0.05)


def test_renamed_units_chain_to_the_current_one():
    assert successors(SPANS, similarity) == {"교통운영과": "교통운수과", "교통행정과": "교통운수과"}


def test_units_working_side_by_side_or_unlike_are_never_merged():
    side_by_side = {k: v for k, v in SPANS.items() if k != "교통운수과"}
    side_by_side["교통행정과"] = UnitSpan("교통행정과", date(2012, 1, 1), date(2016, 6, 1), 28)
    assert successors(side_by_side, similarity) == {}  # 교통운영과 ended while 교통행정과 worked on
    assert "위생과" not in successors(SPANS, similarity)  # shared stem alone is not enough
    assert "건축과" not in successors(SPANS, similarity)  # still active: nothing took it over
    few = dict(SPANS, 교통행정과=UnitSpan("교통행정과", date(2014, 3, 1), date(2016, 6, 1), 2))
    assert "교통행정과" not in successors(few, similarity)


def test_stems_and_dates():
    assert stem("교통행정과") == "교통행정" and stem("홍보체육진흥실") == "홍보체육진흥"
    assert share_stem("교통행정과", "교통운수과") and not share_stem("건축과", "교통과")
    assert parse_day("2020.11.30") == date(2020, 11, 30) and parse_day("2020-01-05 13:00") == date(2020, 1, 5)
    assert parse_day("") is None and parse_day("2020.13.40") is None and parse_day("어제") is None


def test_reviewed_renames_override_and_extend_the_learned_ones():
    from biseo.domain.complaints.unit_lineage import with_renames

    learned = {"교통운영과": "교통행정과", "교통행정과": "교통운수과"}
    reviewed = {"청소과": "자원순환과", "자원순환과": "환경보호과", "교통행정과": "교통과"}
    assert with_renames(learned, reviewed) == {
        "교통운영과": "교통과",
        "교통행정과": "교통과",
        "청소과": "환경보호과",
        "자원순환과": "환경보호과",
    }
    # a cycle (a data error) ends instead of looping: each unit takes one step
    assert with_renames({"가과": "나과"}, {"나과": "가과"}) == {"가과": "나과", "나과": "가과"}


def test_renames_file(tmp_path):
    from biseo.domain.errors import InvalidInput
    from biseo.services.complaints.unit_lineage import read_renames

    path = tmp_path / "renames.csv"
    path.write_text("이전 부서,현재 부서\n주민생활지원국 청소과,도시재생국 자원순환과\n\n", encoding="utf-8")
    assert read_renames(path) == {"청소과": "자원순환과"}
    path.write_text("청소과\n", encoding="utf-8")
    assert read_renames(path) == {}
    path.write_text("청소과,\n", encoding="utf-8")
    with pytest.raises(InvalidInput):
        read_renames(path)
