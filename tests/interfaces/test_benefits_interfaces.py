"""``biseo benefits …`` and ``/v1/benefits/…`` on the demo catalog shipped in the repository."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.interfaces.cli.main import main
from biseo.interfaces.http.app import create_app

DEMO = Path(__file__).resolve().parents[2] / "demo" / "benefits"
YOUNG_MAPO = {"birth_date": "1999-05-01", "sido": "서울", "sigungu": "마포구"}


@pytest.fixture
def catalog_env(monkeypatch):
    monkeypatch.setenv("BISEO_BENEFITS_CATALOG", str(DEMO))


def test_cli_check_explain_next_question(tmp_path, capsys, catalog_env):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(YOUNG_MAPO, ensure_ascii=False), encoding="utf-8")
    assert main(["benefits", "check", "--profile", str(profile), "--as-of", "2026-11-23"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert sum(body["counts"].values()) == 85
    assert body["services"] and all(s["status"] != "비대상" for s in body["services"])
    order = ["대상", "가능성 있음", "확인 필요"]
    assert [order.index(s["status"]) for s in body["services"]] == sorted(
        order.index(s["status"]) for s in body["services"]
    )
    assert (
        main(["benefits", "explain", "611000000127", "--profile", str(profile), "--as-of", "2026-11-23"]) == 0
    )
    explained = json.loads(capsys.readouterr().out)
    assert explained["status"] == "가능성 있음" and explained["rule_origin"] == "reviewed"
    assert set(explained["reason_ids"]) == {"income", "no_house"}
    assert main(["benefits", "next-question", "--profile", str(profile), "--as-of", "2026-11-23"]) == 0
    questions = json.loads(capsys.readouterr().out)
    assert (
        questions
        and questions[0]["settles"] >= questions[-1]["settles"]
        and questions[0]["question"].endswith("?")
    )


def test_cli_errors_and_rule_tests(tmp_path, capsys, catalog_env):
    bad = tmp_path / "bad.json"
    bad.write_text('{"birth_date": "어제"}', encoding="utf-8")
    assert main(["benefits", "check", "--profile", str(bad)]) != 0
    assert "날짜" in capsys.readouterr().err
    assert main(["benefits", "explain", "없는서비스", "--profile", str(tmp_path / "missing.json")]) != 0
    capsys.readouterr()
    assert main(["benefits", "test-rules", str(DEMO / "rules")]) == 0
    assert json.loads(capsys.readouterr().out)["failed"] == 0
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "x.yaml").write_text("service: x\nrule: {all: []}\n", encoding="utf-8")
    assert main(["benefits", "test-rules", str(tmp_path / "rules")]) == 1  # a rule without tests fails


@pytest.fixture
def client(isolated_home, catalog_env):
    services = build_services(Settings.load())
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000)) as c:
        yield c
    services.close()


def test_api_endpoints(client):
    body = client.post("/v1/benefits/eligibility", json={"profile": YOUNG_MAPO, "as_of": "2026-11-23"}).json()
    assert body["counts"]["대상"] >= 1 and body["services"][0]["reasons"]
    one = client.post(
        "/v1/benefits/explain",
        json={
            "service_id": "378000000145",
            "profile": {"sido": "경기", "sigungu": "성남시", "children": ["2021-01-01"]},
            "as_of": "2026-11-23",
        },
    ).json()
    assert one["status"] == "대상" and one["conditions"][1]["source"] == "8세 미만 아동"
    questions = client.post("/v1/benefits/next-question", json={"profile": {}, "as_of": "2026-11-23"}).json()[
        "questions"
    ]
    assert questions[0]["field"] in {"birth_date", "sido"}
    hits = client.post(
        "/v1/benefits/search", json={"q": "청년 월세", "profile": YOUNG_MAPO, "as_of": "2026-11-23"}
    )
    first = hits.json()["hits"][0]
    assert (
        first["name"] == "서울시 청년 월세 지원" and first["status"] == "가능성 있음" and first["score"] > 0
    )
    assert client.post("/v1/benefits/search", json={"q": "   "}).status_code == 422
    batch = client.post(
        "/v1/benefits/batch", json={"profiles": [YOUNG_MAPO, {}], "as_of": "2026-11-23"}
    ).json()["results"]
    assert len(batch) == 2 and sum(batch[1]["counts"].values()) == 85 and batch[1]["counts"]["비대상"] == 0


@pytest.mark.parametrize(
    ("path", "payload", "status"),
    [
        ("/v1/benefits/eligibility", {"profile": {"sido": "화성"}}, 422),
        ("/v1/benefits/eligibility", {"profile": "서울"}, 422),
        ("/v1/benefits/explain", {"service_id": "nope", "profile": {}}, 404),
        ("/v1/benefits/batch", {"profiles": []}, 422),
    ],
)
def test_api_rejects_bad_payloads(client, path, payload, status):
    response = client.post(path, json=payload)
    assert response.status_code == status
    if payload.get("profile") == {"sido": "화성"}:
        assert "알 수 없는 시도" in response.text  # the domain's Korean message reaches the citizen


def test_cli_subscribe_notify_unsubscribe(
    tmp_path, capsys, catalog_env, isolated_home, monkeypatch, smtp_server
):
    port, box = smtp_server
    monkeypatch.setenv("BISEO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("BISEO_SMTP_PORT", str(port))
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(YOUNG_MAPO, ensure_ascii=False), encoding="utf-8")
    assert main(["benefits", "subscribe", "--profile", str(profile), "--email", "young@example.com"]) == 0
    token = json.loads(capsys.readouterr().out)["unsubscribe_token"]
    assert main(["benefits", "notify", "--as-of", "2026-11-23"]) == 0
    sent = json.loads(capsys.readouterr().out)
    assert sent["messages"] == 1 and sent["alerts"] >= 5 and sent["failures"] == []
    assert len(mailbox.Maildir(box)) == 1  # the SMTP server received it
    assert main(["benefits", "notify", "--as-of", "2026-11-23"]) == 0
    assert json.loads(capsys.readouterr().out)["messages"] == 0
    assert main(["benefits", "unsubscribe", token]) == 0
    capsys.readouterr()
    assert main(["benefits", "unsubscribe", token]) != 0


def test_api_subscriptions(client):
    refused = client.post(
        "/v1/benefits/subscriptions", json={"profile": YOUNG_MAPO, "email": "a@example.com"}
    )
    assert refused.status_code == 422 and "알림 방식" in refused.text  # no SMTP configured here
    assert client.delete("/v1/benefits/subscriptions/nope").status_code == 404
