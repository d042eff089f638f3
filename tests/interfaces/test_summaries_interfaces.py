"""``biseo summarize``, ``biseo eval summarize`` and ``POST /v1/summaries`` on real files."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.interfaces.api.app import create_app
from biseo.interfaces.cli.main import main

pytestmark = pytest.mark.integration


def test_summarize_a_real_hwp_press_release(shared_data, capsys):
    release = sorted((shared_data / "hwp" / "보도자료").glob("*.hwp*"))[0]
    assert main(["summarize", str(release), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["bullets"] and "LLM 미사용" in body["mode"]
    assert all(b["end"] > b["start"] >= 0 for b in body["bullets"])
    assert main(["summarize", str(release), "--style", "3줄"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("□ ") and 1 <= out.count("\n - ") <= 3


def test_eval_summarize_beats_the_lead_baseline(shared_data, capsys):
    assert main(["eval", "summarize", "--precedents", str(shared_data / "precedents"), "--limit", "40"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["docs"] == 40
    assert set(result["biseo"]) == {"rouge1", "rouge2", "rougeL"}
    assert result["biseo"]["rougeL"] > result["baseline"]["rougeL"]


def test_eval_summarize_on_press_releases(shared_data, capsys):
    """The second set: body against headline and 부제 of real HWP/HWPX releases (lead is strong here)."""
    from biseo.services.summary_evaluation import press_parts

    assert main(["eval", "summarize", "--press", str(shared_data / "hwp" / "보도자료"), "--limit", "8"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["docs"] == 8 and 0 < result["biseo"]["rougeL"] < 1 and 0 < result["baseline"]["rougeL"] < 1
    text = (
        "보도자료\n\n| 보도시점 | 즉시 |\n\n노동절 공휴일 지정\n- 63년 만에 -\n\n"
        + "정부는 노동절을 공휴일로 지정한다고 밝혔다. " * 3
    )
    body, reference = press_parts(text + "\n붙임 1. 참고자료 1부.")
    assert reference == "노동절 공휴일 지정\n63년 만에" and body.startswith("정부는") and "붙임" not in body


def test_api(isolated_home):
    services = build_services(Settings.load())
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000)) as client:
        text = "민원 처리기간은 접수한 날부터 계산한다고 할 것이다. 처리기간의 계산에는 공휴일을 제외한다고 보아야 한다."
        body = client.post("/v1/summaries", json={"text": text, "style": "3줄"}).json()
        assert body["bullets"] and body["text"].startswith(" - ") and "LLM 미사용" in body["mode"]
        assert client.post("/v1/summaries", json={}).status_code == 422
        assert client.post("/v1/summaries", json={"text": "a", "document_id": "b"}).status_code == 422
        assert client.post("/v1/summaries", json={"document_id": "nope"}).status_code == 404
    services.close()
