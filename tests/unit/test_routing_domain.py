"""Stable department units and routing scores."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.complaints.routing import accuracy, macro_f1, named_units, stable_unit, top_k_accuracy


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("도시재생국 건축과", "건축과"),
        ("도시관리국  건축과", "건축과"),
        ("영종출장소", "영종출장소"),
        (" 행정지원국 민원여권과 ", "민원여권과"),
        ("중구/도시관리국/건축과", "건축과"),
        ("도시관리국 > 건축과", "건축과"),
        ("건축과(건축허가팀)", "건축과"),
        ("행정지원국 행정지원과 (구 총무과)", "행정지원과"),
        ("신포동주민센터", "신포동"),
        ("영종1동 행정복지센터", "영종1동"),
        ("운서동", "운서동"),
        ("행정복지센터", "행정복지센터"),
        ("문화·체육과", "문화·체육과"),
        ("(팀)", "(팀)"),
        ("", None),
        ("안녕하세요 구청 민원 드립니다\n쓰레기가 많아요", None),
        ("가" * 40, None),
    ],
)
def test_stable_unit(name, unit):
    assert stable_unit(name) == unit


def test_scores_on_a_worked_example():
    gold = ["건축과", "건축과", "교통과", "청소과"]
    predicted = ["건축과", "교통과", "교통과", "공원과"]  # 청소과 never predicted, 공원과 never gold
    assert accuracy(gold, predicted) == 0.5
    # F1: 건축과 2/3, 교통과 2/3, 청소과 0, 공원과 0 → mean 1/3
    assert macro_f1(gold, predicted) == pytest.approx(1 / 3)
    ranked = [["교통과", "건축과"], ["교통과", "청소과"], ["교통과"], ["공원과", "청소과"]]
    assert top_k_accuracy(gold, ranked, 1) == 0.25
    assert top_k_accuracy(gold, ranked, 2) == 0.75


labels = st.lists(st.sampled_from(["가과", "나과", "다과"]), min_size=1, max_size=30)


@given(labels)
def test_perfect_prediction_scores_one(gold):
    assert macro_f1(gold, gold) == 1.0 and accuracy(gold, gold) == 1.0


@given(labels, labels)
def test_scores_stay_in_range(gold, other):
    predicted = (other * len(gold))[: len(gold)]
    assert 0.0 <= macro_f1(gold, predicted) <= 1.0
    assert (macro_f1(gold, predicted) == 1.0) == (gold == predicted)


def test_named_units_match_the_working_stem_not_the_suffix():
    units = ["청소과", "건축과", "운서동", "과", "세무2과"]
    assert named_units("운서동 골목 청소 요청", units) == ["청소과", "운서동"]
    assert named_units("건축 허가 문의", units) == ["건축과"]
    assert named_units("과태료 문의", units) == []  # a bare suffix names nothing
    assert named_units("행정 절차와 미래 세대", ["행정", "미래", "교통/건축/국토"]) == []  # categories
