"""Eligibility as data: three-valued evaluation, its invariants, and the reviewed YAML rules."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biseo.adapters.eligibility.rule_files import load_rule_dir, run_case
from biseo.domain.benefits.conditions import AgeRange, Area, Children, IncomeRange, Manual, Region, Truth
from biseo.domain.benefits.evaluation import Status, evaluate
from biseo.domain.benefits.parameters import income_percent, median_income
from biseo.domain.benefits.profile import Profile, profile_from_mapping, profile_to_mapping
from biseo.domain.benefits.rules import Group, ServiceRule
from biseo.domain.errors import InvalidInput

DAY = date(2026, 11, 23)
RULES = Path(__file__).resolve().parents[2] / "demo" / "benefits" / "rules"


def rule(*items, mode="all"):
    return ServiceRule("s", Group(mode, tuple(items)))


def test_statuses_and_reasons_in_plain_korean():
    r = rule(
        AgeRange(id="age", minimum=19, maximum=39),
        Region(id="region", areas=(Area("11"),)),
        IncomeRange(id="income", at_most=150),
    )
    young_seoul = profile_from_mapping({"birth_date": "1999-05-01", "sido": "서울"})
    likely = evaluate(r, young_seoul, DAY)
    assert likely.status is Status.LIKELY and likely.reasons == ("income",)
    assert likely.reason_sentences() == [
        "소득: 기준 중위소득 150% 이하 — 정보 부족 (답하시면 확인할 수 있습니다)"
    ]
    rich = replace(young_seoul, household_size=1, monthly_income=5_000_000)
    decision = evaluate(r, rich, DAY)
    assert decision.status is Status.INELIGIBLE and decision.reasons == ("income",)
    assert "기준 중위소득의 195.0%" in decision.reason_sentences()[0]
    ok = evaluate(r, replace(rich, monthly_income=2_000_000), DAY)
    assert ok.status is Status.ELIGIBLE and set(ok.reasons) == {"age", "region", "income"}


def test_free_text_is_check_needed_and_any_of_groups():
    manual = rule(AgeRange(id="age", minimum=65), Manual(id="text", text="대상포진 미접종자"))
    assert evaluate(manual, Profile(age=70), DAY).status is Status.CHECK
    either = rule(AgeRange(id="old", minimum=65), Children(id="kid", max_months=95), mode="any")
    assert evaluate(either, Profile(age=40, children=(date(2020, 1, 1),)), DAY).status is Status.ELIGIBLE
    assert evaluate(either, Profile(age=40, children=()), DAY).status is Status.INELIGIBLE
    assert evaluate(either, Profile(age=40), DAY).status is Status.LIKELY


def test_condition_not_yet_in_force_is_not_applied():
    r = rule(AgeRange(id="age", maximum=30, valid_from=date(2027, 1, 1)))
    assert evaluate(r, Profile(age=35), DAY).status is Status.ELIGIBLE
    assert evaluate(r, Profile(age=35), date(2027, 1, 1)).status is Status.INELIGIBLE


def test_median_income_table_and_larger_households():
    assert median_income(2026, 4) == 6_494_738
    assert median_income(2026, 7) == 8_555_952 + (8_555_952 - 7_556_719)
    assert round(income_percent(4_200_000, 3, 2026), 1) == 78.4


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"birth_date": "1999-13-01"}, "날짜"),
        ({"sido": "아틀란티스"}, "시도"),
        ({"household_size": 0}, "범위"),
        ({"disability": "yes"}, "예/아니오"),
        ({"nickname": "x"}, "알 수 없는 항목"),
        ({"employment": "백수"}, "다음 중 하나"),
    ],
)
def test_bad_profiles_get_korean_messages(data, needle):
    with pytest.raises(InvalidInput) as caught:
        profile_from_mapping(data)
    assert needle in caught.value.message_ko


# --- invariants --------------------------------------------------------------------------------------------
profiles = st.builds(
    Profile,
    age=st.none() | st.integers(0, 100),
    sido=st.none() | st.sampled_from(["11", "26", "41"]),
    sigungu=st.none() | st.sampled_from(["마포구", "성남시", "해운대구"]),
    household_size=st.none() | st.integers(1, 8),
    monthly_income=st.none() | st.integers(0, 15_000_000),
    children=st.none() | st.lists(st.dates(date(2005, 1, 1), DAY), max_size=3).map(tuple),
    disability=st.none() | st.booleans(),
)
conditions = st.one_of(
    st.builds(
        lambda lo, hi: AgeRange(id="a", minimum=lo, maximum=hi),
        st.none() | st.integers(0, 70),
        st.none() | st.integers(10, 100),
    ),
    st.builds(lambda m: IncomeRange(id="i", at_most=float(m)), st.integers(30, 200)),
    st.builds(lambda hi: Children(id="c", max_months=hi), st.integers(0, 216)),
    st.just(Region(id="r", areas=(Area("11", "마포구"), Area("41")))),
    st.just(Manual(id="m", text="x")),
)


@settings(max_examples=300, deadline=None)
@given(profiles, st.lists(conditions, min_size=1, max_size=4), st.sampled_from(["all", "any"]), st.data())
def test_a_missing_answer_never_makes_a_service_ineligible(profile, items, mode, data):
    items = [replace(c, id=f"c{i}") for i, c in enumerate(items)]
    r = rule(*items, mode=mode)
    before = evaluate(r, profile, DAY).status
    field = data.draw(st.sampled_from([f.name for f in fields(Profile)]))
    after = evaluate(r, profile.without(field), DAY).status
    if before is not Status.INELIGIBLE:
        assert after is not Status.INELIGIBLE


@settings(max_examples=300, deadline=None)
@given(profiles, st.integers(30, 200), st.integers(0, 5_000_000))
def test_more_income_never_turns_an_income_ceiling_from_ineligible_to_eligible(profile, ceiling, raise_by):
    r = rule(IncomeRange(id="i", at_most=float(ceiling)), AgeRange(id="a", minimum=19))
    if profile.monthly_income is None or profile.household_size is None:
        return
    richer = replace(profile, monthly_income=profile.monthly_income + raise_by)
    order = [Status.INELIGIBLE, Status.LIKELY, Status.CHECK, Status.ELIGIBLE]
    assert order.index(evaluate(r, richer, DAY).status) <= order.index(evaluate(r, profile, DAY).status)


def test_truth_order_is_what_all_and_any_rely_on():
    assert Truth.NOT_MET < Truth.UNKNOWN < Truth.MANUAL < Truth.MET


# --- shipped rules -----------------------------------------------------------------------------------------
def test_every_shipped_rule_has_tests_and_they_pass():
    files = load_rule_dir(RULES)
    assert len(files) >= 4
    for f in files:
        assert f.cases, f"{f.path.name} has no test cases"
        for case in f.cases:
            assert run_case(f.rule, case) == []
    statuses = {c.status for f in files for c in f.cases}
    assert statuses == set(Status)  # the shipped tests exercise every status


def test_a_wrong_expectation_is_reported(tmp_path):
    text = (
        (RULES / "378000000145.yaml")
        .read_text(encoding="utf-8")
        .replace("expect: {status: 대상", "expect: {status: 비대상", 1)
    )
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    (f,) = load_rule_dir(tmp_path)
    assert any("expected 비대상, got 대상" in p for c in f.cases for p in run_case(f.rule, c))


def test_profile_round_trip_and_the_merged_province():
    data = {
        "birth_date": "1990-01-02",
        "sido": "서울",
        "sigungu": "마포구",
        "children": ["2020-05-05"],
        "receives": [],
    }
    profile = profile_from_mapping(data)
    assert profile.sigungu_code == "11440"
    assert profile_from_mapping(profile_to_mapping(profile)) == profile
    assert profile_from_mapping({"sido": "전남광주통합특별시", "sigungu": "광산구"}).sido == "29"
    assert profile_from_mapping({"sido": "전남광주통합특별시", "sigungu": "순천시"}).sido == "46"


def test_alerts_new_upcoming_and_application_periods():
    from biseo.domain.benefits.alerts import AlertKind, alerts_for
    from biseo.domain.benefits.catalog import Service

    services = {
        "a": Service(
            "a", "가 혜택", "", "", "", apply_from=date(2026, 11, 25), apply_until=date(2026, 12, 31)
        ),
        "b": Service("b", "나 혜택", "", "", ""),
        "c": Service("c", "다 혜택", "", "", ""),
    }
    now = {"a": Status.LIKELY, "b": Status.INELIGIBLE, "c": Status.INELIGIBLE}
    later = {"a": Status.LIKELY, "b": Status.ELIGIBLE, "c": Status.INELIGIBLE}
    kinds = [(a.service_id, a.kind, a.key) for a in alerts_for(services, now, later, DAY)]
    assert kinds == [
        ("a", AlertKind.OPENS, "2026-11-25"),
        ("a", AlertKind.NEW, ""),
        ("b", AlertKind.UPCOMING, ""),
    ]
