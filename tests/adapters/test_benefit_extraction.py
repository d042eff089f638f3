"""Rule drafting: exact from 온통청년 structured fields, conservative from 보조금24 지원대상 text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from biseo.domain.benefits.conditions import AgeRange, Children, Choice, IncomeRange, Residence
from biseo.domain.benefits.extraction import extract_conditions
from biseo.domain.benefits.gov24 import gov24_rule, service_region, support_conditions
from biseo.domain.benefits.youth import youth_rule

GOLD = Path(__file__).resolve().parents[1] / "data" / "benefits" / "extraction_gold.json"


def signature(c):
    if c.kind == "age":
        return f"age:{c.minimum}-{c.maximum}"
    if c.kind == "children":
        return f"children:{c.min_months}-{c.max_months}m"
    if c.kind == "income":
        return f"income:<={c.at_most:g}"
    if c.kind == "residence":
        return f"residence:>={c.months}m"
    if c.kind == "region":
        return "region:" + ",".join(f"{a.sido}/{a.sigungu or ''}" for a in c.areas)
    return c.kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("○ 만 19세~39세 청년", [AgeRange(id="age", minimum=19, maximum=39)]),
        ("○ 관내 거주 85세 이상 어르신", [AgeRange(id="age", minimum=85)]),
        ("○ 기준 중위소득 100% 이하 가구", [IncomeRange(id="income", at_most=100.0)]),
        ("○ 수원시에 1년 이상 거주하는 주민", [Residence(id="residence", months=12)]),
        ("○ 만 18세 미만 아동", [Children(id="children", max_months=215)]),
        (
            "○ 생후 3개월 이상 12세 이하의 아동을 양육하는 가정",
            [Children(id="children", min_months=3, max_months=155)],
        ),
    ],
)
def test_plain_forms_are_read(text, expected):
    found = extract_conditions(text)
    assert [(type(c), signature(c)) for c in found] == [(type(e), signature(e)) for e in expected]
    assert all(text[c.source.start : c.source.end] == c.source.text for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "○ 기초생활수급자, 차상위계층 또는 기준 중위소득 50% 이하",  # one of several groups
        "○ 65세 이상 어르신, 장애인, 임산부",
        "○ 지원 제외: 만 65세 이상",  # exclusion
        "○ 타 시군구에 1년 이상 거주하다가 전입한 자",  # residence elsewhere
        "○ 노인(만60세 이상)을 신규 채용한 중소기업",  # not the applicant
        "다음 중 어느 하나에 해당하는 세대\n- 만65세 이상 노인 세대",
        "○ 선별 검사 : 만 60세 이상\n○ 진단 검사 : 기준 중위소득 120% 이하",  # programme tiers
    ],
)
def test_ambiguous_forms_are_left_as_free_text(text):
    assert extract_conditions(text) == []


def test_precision_on_the_hand_checked_sample(shared_data):
    """≥ 95% of drafted conditions must be necessary conditions, judged by reading 140 services."""
    records = {r["id"]: r for r in json.loads((shared_data / "benefits" / "gov24_services.json").read_text())}
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["services"]
    assert len(gold) >= 100
    right = wrong = 0
    for entry in gold:
        for condition in gov24_rule(records[entry["id"]]).checkable():
            ok = signature(condition) in entry["correct"]
            right, wrong = right + ok, wrong + (not ok)
            assert signature(condition) not in entry["wrong"]
    assert right / (right + wrong) >= 0.95


def test_coverage_over_the_whole_catalog(shared_data):
    records = json.loads((shared_data / "benefits" / "gov24_services.json").read_text())
    rules = [gov24_rule(r) for r in records]
    checked = sum(1 for r in rules if r.checkable())
    assert checked / len(records) >= 0.60
    assert all(
        any(c.kind == "manual" for c in r.conditions()) for r in rules if records
    )  # text stays 확인 필요


def test_every_youth_policy_is_converted_from_its_structured_fields(shared_data):
    records = json.loads((shared_data / "benefits" / "youth_policies_seoul.json").read_text())
    for record in records:
        rule = youth_rule(record)
        kinds = {c.kind for c in rule.checkable()}
        assert "region" in kinds
        if record["sprtTrgtAgeLmtYn"] == "N" and (
            record["sprtTrgtMinAge"] not in ("", "0") or record["sprtTrgtMaxAge"] not in ("", "0")
        ):
            assert "age" in kinds, record["plcyNo"]
        if record["jobCd"] and "0013010" not in record["jobCd"]:
            assert any(isinstance(c, Choice) and c.field == "employment" for c in rule.conditions())


def test_region_of_local_agencies_and_merged_province():
    assert signature(service_region("서울특별시 성북구", "서울")) == "region:11/성북구"
    assert signature(service_region("경기도 광주시", "광주")) == "region:41/광주시"
    assert signature(service_region("전남광주통합특별시 순천시", "광주")) == "region:29/순천시,46/순천시"
    assert signature(service_region("부산광역시교육청", "부산")) == "region:26/"
    assert service_region("보건복지부", "전국") is None


def test_open_api_support_conditions():
    found = support_conditions(
        {
            "JA0101": "N",
            "JA0102": "Y",
            "JA0110": 19,
            "JA0111": 39,
            "JA0201": "Y",
            "JA0202": "Y",
            "JA0328": "Y",
        }
    )
    assert [signature(c) for c in found] == ["choice", "age:19-39", "income:<=75", "flag"]
    rule = gov24_rule(
        {"서비스ID": "X1", "서비스명": "시험", "소관기관명": "경기도 성남시", "지원대상": "누구나"},
        {"JA0110": 65},
    )
    assert [signature(c) for c in rule.checkable()] == ["region:41/성남시", "age:65-None"]
