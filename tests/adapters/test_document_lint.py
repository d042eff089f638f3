"""The 공문서 linter: item markers, 끝., dates, times, amounts and 붙임, with line:column findings."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.drafting.korean_numbers import amount, korean_reading
from biseo.domain.drafting.lint import Severity, lint

GOOD = """1. 추진 배경
  가. 민원 처리 현황
    1) 접수 건수
      가) 방문 접수
        (1) 평일
          (가) 오전
            ① 9시 대
              ㉮ 첫 30분
              ㉯ 나머지
            ② 10시 대
      나) 온라인 접수
    2) 처리 건수
  나. 문제점
2. 추진 계획
  가. 일정: 2024. 3. 29. 14:00
  나. 예산: 금113,560원(금일십일만삼천오백육십원)

붙임 1. 세부 계획 1부.
     2. 예산 내역 1부.  끝."""


def codes(text):
    return [(i.line, i.code) for i in lint(text)]


def test_a_well_formed_document_is_clean():
    assert lint(GOOD) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. 가\n3. 나  끝.", [(2, "marker_order")]),
        ("1. 가\n  나. 하위  끝.", [(2, "marker_start")]),
        ("1. 가\n    1) 건너뜀  끝.", [(2, "marker_skip")]),
        ("1. 가\n  가. 나\n  다. 라  끝.", [(3, "marker_order")]),
        ("1. 가\n  가. 하위\n2. 둘\n  가. 다시 처음부터  끝.", []),
        ("① 하나\n③ 셋  끝.", [(1, "marker_skip"), (2, "marker_order")]),
        ("본문입니다.", [(1, "end_missing")]),
        ("본문입니다. 끝.", [(1, "end_spacing")]),
        ("본문입니다.  끝.\n추가 문장", [(1, "end_not_last")]),
        ("본문이 오른쪽 끝까지 찬 경우\n끝.", []),
        ("일정 2024-03-29  끝.", [(1, "date_separator")]),
        ("일정 2024.3.29.  끝.", [(1, "date_spacing")]),
        ("일정 2024년 3월 29일  끝.", [(1, "date_words")]),
        ("일정 2024. 03. 29.  끝.", [(1, "date_zero")]),
        ("시각 오후 2시 30분  끝.", [(1, "time_ampm")]),
        ("시각 14시 30분  끝.", [(1, "time_words")]),
        ("금액 금5,000원(금오천이백원)  끝.", [(1, "amount_mismatch")]),
        ("금액 금5,000원  끝.", [(1, "amount_reading")]),
        ("금액 113,560원  끝.", [(1, "amount_form")]),
        ("본문  끝.\n붙임 계획서", [(1, "end_not_last"), (2, "attachment_count")]),
        ("본문\n\n붙임 1. 계획 1부.\n     3. 예산 1부.  끝.", [(4, "attachment_order")]),
        ("「민원 처리에 관한 법률」 제19조에 따라 처리합니다.  끝.", []),
        ("법률 제17825호, 접수번호 2AA-2401-123456  끝.", []),
    ],
)
def test_findings(text, expected):
    assert sorted(codes(text)) == sorted(expected)


def test_messages_are_korean_with_positions_and_severity():
    (issue,) = lint("시각 14시 30분  끝.")
    assert (issue.line, issue.column) == (1, 4) and "14:00" in issue.message
    (warning,) = lint("금액 금5,000원  끝.")
    assert warning.severity is Severity.WARNING and "금오천원" in warning.message


def test_amount_form():
    assert amount(113560) == "금113,560원(금일십일만삼천오백육십원)"
    assert korean_reading(1_0000_0000) == "일억" and korean_reading(20_500) == "이만오백"


def _parse_reading(text: str) -> int:  # an independent reading → number, for the property below
    digits = {c: i for i, c in enumerate("영일이삼사오육칠팔구")}
    small = {"십": 10, "백": 100, "천": 1000}
    large = {"만": 10**4, "억": 10**8, "조": 10**12}
    total = group = digit = 0
    for ch in text:
        if ch in digits:
            digit = digits[ch]
        elif ch in small:
            group += digit * small[ch]
            digit = 0
        else:
            total += (group + digit) * large[ch]
            group = digit = 0
    return total + group + digit


@given(st.integers(1, 10**15))
def test_every_reading_reads_back_to_its_number(n):
    assert _parse_reading(korean_reading(n)) == n


def test_cli_and_api(tmp_path, capsys):
    from biseo.interfaces.cli.main import main
    from biseo.interfaces.http.app import create_app

    path = tmp_path / "draft.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["lint", str(path)]) == 0
    path.write_text("1. 가\n3. 나", encoding="utf-8")
    assert main(["lint", "--json", str(path)]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in found] == ["marker_order", "end_missing"] and found[0]["line"] == 2
    with TestClient(create_app(), client=("127.0.0.1", 5000)) as client:
        body = client.post("/v1/lint", json={"text": "금액 금5,000원  끝."}).json()
        assert (body["errors"], body["warnings"]) == (0, 1)
        assert client.post("/v1/lint", json={"text": ""}).status_code == 422
