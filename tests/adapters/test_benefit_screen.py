"""The numpy screen agrees with the domain evaluator on every service; catalog files survive bad records."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from biseo.adapters.eligibility.catalog_files import load_catalog
from biseo.adapters.eligibility.numpy_screen import CompiledCatalog
from biseo.domain.benefits.evaluation import STATUS_OF_TRUTH, evaluate
from biseo.domain.benefits.gov24 import gov24_rule
from biseo.domain.benefits.profile import Profile
from biseo.domain.benefits.youth import youth_rule

DAY = date(2026, 11, 23)
_TRUTH_OF = {status: truth for truth, status in STATUS_OF_TRUTH.items()}


def _rules(shared_data):
    gov24 = json.loads((shared_data / "benefits" / "gov24_services.json").read_text())
    youth = json.loads((shared_data / "benefits" / "youth_policies_seoul.json").read_text())
    return [gov24_rule(r) for r in gov24] + [youth_rule(r) for r in youth]


profiles = st.builds(
    Profile,
    age=st.none() | st.integers(0, 100),
    sido=st.none() | st.sampled_from(["11", "26", "41", "29", "46"]),
    sigungu=st.none() | st.sampled_from(["마포구", "성남시", "수원시", "중구", "순천시"]),
    sigungu_code=st.none() | st.sampled_from(["11440", "11680"]),
    residence_since=st.none() | st.dates(date(2010, 1, 1), DAY),
    household_size=st.none() | st.integers(1, 6),
    monthly_income=st.none() | st.integers(0, 10_000_000),
    children=st.none() | st.lists(st.dates(date(2008, 1, 1), DAY), max_size=2).map(tuple),
    employment=st.none() | st.sampled_from(["재직자", "미취업자"]),
    school=st.none() | st.sampled_from(["대학 재학", "대학 졸업"]),
    marital=st.none() | st.sampled_from(["미혼", "기혼"]),
    receives=st.none() | st.just(frozenset()),
)


def test_screen_equals_domain_evaluator_on_the_real_catalog(shared_data):
    rules = _rules(shared_data)
    screen = CompiledCatalog(rules)

    @settings(max_examples=40, deadline=None)
    @given(profiles)
    def check(profile):
        fast = screen.truths(profile, DAY).tolist()
        slow = [int(_TRUTH_OF[evaluate(r, profile, DAY).status]) for r in rules]
        assert fast == slow

    check()


def test_catalog_files_skip_bad_records_and_read_open_api_pages(tmp_path):
    page = {
        "data": [
            {
                "서비스ID": "A1",
                "서비스명": "시험 서비스",
                "소관기관명": "서울특별시 마포구",
                "지원대상": "○ 만 65세 이상 어르신",
            },
            {"서비스명": "아이디 없음"},
            "not an object",
        ]
    }
    (tmp_path / "page.json").write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    loaded = load_catalog([tmp_path])
    assert [s.id for s in loaded.services] == ["A1"]
    assert len(loaded.skipped) == 2
    kinds = [c.kind for c in loaded.rules["A1"].checkable()]
    assert kinds == ["region", "age"]


def test_support_conditions_pages_join_their_services(tmp_path):
    services = {
        "data": [
            {"서비스ID": "B2", "서비스명": "노인 지원", "소관기관명": "보건복지부", "지원대상": "어르신"}
        ]
    }
    conditions = {
        "data": [
            {
                "서비스ID": "B2",
                "서비스명": "노인 지원",
                "JA0110": 65,
                "JA0111": 0,
                "JA0101": "Y",
                "JA0102": "Y",
            }
        ]
    }
    (tmp_path / "a_services.json").write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b_conditions.json").write_text(json.dumps(conditions, ensure_ascii=False), encoding="utf-8")
    loaded = load_catalog([tmp_path])
    assert [s.id for s in loaded.services] == ["B2"]
    (age,) = loaded.rules["B2"].checkable()
    assert (age.kind, age.minimum, age.maximum) == ("age", 65, None)
