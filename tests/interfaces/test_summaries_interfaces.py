"""``biseo summarize``, ``biseo eval summarize`` and ``POST /v1/summaries`` on real files."""

from __future__ import annotations

import hashlib
import json

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.cli.main import main
from biseo.interfaces.http.app import create_app

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


def test_a_release_summary_has_its_own_title_and_no_furniture(shared_data, capsys):
    """The 개조식 summary of a real release, as the official receives it."""
    from biseo.domain.drafting.outline import ends_as_sentence

    release = (
        shared_data / "hwp" / "보도자료" / "260408 (보도자료) 소상공인 114개 사, 방송광고 제작 지원 받아.hwp"
    )
    assert main(["summarize", str(release), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["title"] == "소상공인 114개 사, 방송광고 제작 지원 받아"  # the headline, not the file name
    texts = [b["text"] for b in body["bullets"]]
    assert texts and texts[0] != body["title"] and not any(ends_as_sentence(t) for t in texts)
    assert not any(t.startswith(("|", "-", "붙임")) or "담당 부서" in t or "보도시점" in t for t in texts)
    assert not any("(위원장" in t for t in texts)
    from biseo.adapters.parsers import ContentParser

    text = ContentParser().parse(release.read_bytes(), release.name).text
    for bullet in body["bullets"]:  # offsets point at the source sentence the line was made from
        source = text[bullet["start"] : bullet["end"]]
        assert source.rstrip().endswith("다.") and bullet["text"][:8] in source


def test_a_title_in_the_file_metadata_is_used_when_it_is_the_documents_own():
    import warnings

    from hwpx import HwpxDocument

    from biseo.adapters.parsers import ContentParser
    from biseo.bootstrap import build_summaries

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = HwpxDocument.new()
        document.add_paragraph("보도자료")
        document.add_paragraph("2026년 청년 일자리 지원계획 발표")
        document.add_paragraph("고용노동부는 청년 일자리 지원을 위해 내년 예산을 확대한다고 8일 밝혔다.")
        document.package.set_document_metadata(title="2026년 청년 일자리 지원계획 발표")
        good = document.to_bytes()
        document.package.set_document_metadata(title="중소벤처기업부")  # a template's stale title
        stale = document.to_bytes()
    assert ContentParser().parse(good, "a.hwpx").title == "2026년 청년 일자리 지원계획 발표"
    assert ContentParser().parse(stale, "a.hwpx").title is None
    summary = build_summaries().summarize_file(stale, "청년 일자리 지원 받아.hwpx")
    assert summary.title == "2026년 청년 일자리 지원계획 발표"  # the first heading, never the file name
    assert [b.text for b in summary.bullets] == ["고용노동부는 청년 일자리 지원을 위해 내년 예산 확대"]


def test_eval_summarize_beats_the_lead_baseline(shared_data, capsys):
    assert main(["eval", "summarize", "--precedents", str(shared_data / "precedents"), "--limit", "40"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["docs"] == 40
    assert set(result["biseo"]) == {"rouge1", "rouge2", "rougeL"}
    assert result["biseo"]["rougeL"] > result["baseline"]["rougeL"]
    assert result["outline"]["rougeL"] > result["baseline"]["rougeL"]  # 개조식 lines vs converted 판결요지


def test_eval_summarize_on_press_releases(shared_data, capsys):
    """The second set: body against headline and 부제 of real HWP/HWPX releases (lead is strong here)."""
    from biseo.services.drafting.summary_evaluation import press_parts

    assert main(["eval", "summarize", "--press", str(shared_data / "hwp" / "보도자료"), "--limit", "8"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["docs"] == 8 and 0 < result["biseo"]["rougeL"] < 1 and 0 < result["baseline"]["rougeL"] < 1
    form = result["outline_form"]
    assert form["lines"] >= 8 and form["sentence_ending_share"] <= 0.05 and form["titles_from_file_name"] == 0
    text = (
        "보도자료\n\n| 보도시점 | 즉시 |\n\n노동절 공휴일 지정\n- 63년 만에 -\n\n"
        + "정부는 노동절을 공휴일로 지정한다고 밝혔다. " * 3
    )
    body, reference = press_parts(text + "\n붙임 1. 참고자료 1부.")
    assert reference == "노동절 공휴일 지정\n63년 만에" and body.startswith("정부는") and "붙임" not in body


def test_api(isolated_home):
    services = build_services(Settings.load())
    services.complaints.register_staff(
        Staff("s1", "김주무관", "중구", "민원과", Role.HANDLER), hashlib.sha256(b"key-s1").hexdigest()
    )
    staff = {"X-Staff-Key": "key-s1"}
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000), headers=staff) as client:
        text = "민원 처리기간은 접수한 날부터 계산한다고 할 것이다. 처리기간의 계산에는 공휴일을 제외한다고 보아야 한다."
        body = client.post("/v1/summaries", json={"text": text, "style": "3줄"}).json()
        assert body["bullets"] and body["text"].startswith(" - ") and "LLM 미사용" in body["mode"]
        assert client.post("/v1/summaries", json={}).status_code == 422
        assert client.post("/v1/summaries", json={"text": "a", "document_id": "b"}).status_code == 422
        assert client.post("/v1/summaries", json={"document_id": "nope"}).status_code == 404
    services.close()
