"""One audit record builder: a summary or a draft asked from the command line and from the API is
recorded with the same fields and the same input, prompt fingerprint and model — on SQLite and
PostgreSQL. The model recorded is the one that answered, not the configured name."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_privacy, build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.cli.main import main
from biseo.interfaces.http.app import create_app
from biseo.services.ai.llm import Completion, GuardedChat, Message, TokenBudget
from biseo.services.ai.prompts import load_prompt
from biseo.services.drafting.records import method_fingerprint
from biseo.services.drafting.summaries import SummaryService

pytestmark = pytest.mark.integration

AGENCY = "인천광역시 중구"
KEY = {"X-Staff-Key": "key-h1"}
TEXT = (
    "민원 처리기간은 민원을 접수한 날부터 계산한다. 처리기간을 일 단위로 정한 경우에는 공휴일과 토요일을 "
    "산입하지 아니한다. 민원인 홍길동(010-2345-6789)은 처리기간이 지났다고 주장하였다. "
    "행정기관의 장은 처리기간이 지나기 전에 처리 결과를 통지하여야 한다고 보아야 할 것이다."
)
TITLE, COMPLAINT = "처리기간 문의", "민원 처리기간은 어떻게 계산하나요? 연락처는 010-2345-6789입니다."
SAME = ("input", "prompt", "model", "settings", "verification", "sources", "kind", "agency")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request) -> str:
    return "" if request.param == "sqlite" else request.getfixturevalue("postgres_dsn")


@pytest.fixture
def env(database_url, monkeypatch, isolated_home) -> Iterator[TestClient]:
    """The CLI (in process, reading the environment) and the API on one store, one agency."""
    monkeypatch.setenv("BISEO_DATABASE_URL", database_url)
    monkeypatch.setenv("BISEO_AGENCY", AGENCY)
    monkeypatch.setenv("BISEO_DEPARTMENT", "민원과")
    services = build_services(Settings.load())
    staff = Staff("h1", "김주무관", AGENCY, "민원과", Role.HANDLER)
    services.complaints.register_staff(staff, hashlib.sha256(b"key-h1").hexdigest())
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000)) as client:
        client.app_services = services  # type: ignore[attr-defined]
        yield client
    services.close()


def _record(client: TestClient, record_id: str) -> dict:
    response = client.get(f"/v1/audit/{record_id}", headers=KEY)
    assert response.status_code == 200, response.text
    return response.json()


def _cli_json(capsys, argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_a_cli_and_an_api_summary_of_the_same_text_are_recorded_alike(env, tmp_path, capsys):
    path = tmp_path / "처리기간.txt"
    path.write_text(TEXT, encoding="utf-8")
    cli = _record(env, _cli_json(capsys, ["summarize", str(path), "--json"])["audit_id"])
    api = _record(env, env.post("/v1/summaries", json={"text": TEXT}, headers=KEY).json()["audit_id"])
    assert set(cli) == set(api)
    assert cli["input"] != f"file:{path.name}" and "홍길동" not in cli["input"] and "〔" in cli["input"]
    assert cli["input"] == api["input"] and cli["prompt"] == api["prompt"] and cli["model"] == api["model"]
    assert cli["prompt"] == method_fingerprint("summary.extractive") and cli["model"] is None
    assert cli["settings"] == api["settings"] and cli["settings"]["mode"] == "extractive"
    assert cli["verification"] == api["verification"] and cli["verification"]["bullets"] >= 1
    assert cli["sources"] == [{"kind": "file", "name": path.name}] and api["sources"] == [{"kind": "text"}]
    assert cli["agency"] == api["agency"] == AGENCY and cli["actor"].startswith("cli:")


def test_cli_and_api_replies_and_reports_are_recorded_alike(env, tmp_path, capsys):
    services = env.app_services  # type: ignore[attr-defined]
    cli = _record(
        env,
        _cli_json(capsys, ["draft", "reply", "--title", TITLE, "--text", COMPLAINT, "--json"])["audit_id"],
    )
    body = env.post("/v1/drafts/reply", json={"title": TITLE, "content": COMPLAINT}, headers=KEY).json()
    api = _record(env, body["audit_id"])
    assert body["basis"]  # the API says what the draft used, as the command line does
    for key in SAME:
        assert cli[key] == api[key], key
    assert cli["prompt"] == method_fingerprint("reply.template") and cli["settings"]["mode"] == "template"
    assert cli["input"].startswith(TITLE) and "010-2345-6789" not in cli["input"]
    assert cli["settings"]["department"] == "민원과"
    note = tmp_path / "note.txt"
    note.write_text(TEXT, encoding="utf-8")
    services.ingest.ingest([str(note)])
    doc = services.store.summaries(limit=1)[0].id
    report = ["draft", "report", "--topic", "처리기간 검토", "--sources", doc, "--json"]
    cli = _record(env, _cli_json(capsys, report)["audit_id"])
    api_body = {"topic": "처리기간 검토", "sources": [doc]}
    api = _record(env, env.post("/v1/drafts/report", json=api_body, headers=KEY).json()["audit_id"])
    for key in SAME:
        assert cli[key] == api[key], key
    assert cli["prompt"] == method_fingerprint("report.template") and cli["sources"][0]["document_id"] == doc


class ServedElsewhere:
    """An endpoint asked for one model that answers with another (as gateways do)."""

    name = "asked-model"

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Completion:
        text = "○ 처리기간은 접수한 날부터 계산함\n○ 공휴일과 토요일은 처리기간에 산입하지 않음"
        return Completion(text, "served-model-q4", 10, 10, "stop")

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Iterator[str]:
        yield from ()


def test_the_model_recorded_is_the_one_that_answered(env, tmp_path, capsys, monkeypatch):
    from biseo.bootstrap import drafting
    from biseo.bootstrap.adapters import text_tools

    def summaries(store, settings):  # what build_summaries wires when BISEO_LLM_URL is set
        chat = GuardedChat(ServedElsewhere(), build_privacy(), TokenBudget(100_000))
        return SummaryService(text_tools(), store, None, chat)

    monkeypatch.setattr(drafting, "build_summaries", summaries)
    services = env.app_services  # type: ignore[attr-defined]
    path = tmp_path / "t.txt"
    path.write_text(TEXT, encoding="utf-8")
    services.ingest.ingest([str(path)])
    doc = services.store.summaries(limit=1)[0].id
    cli = _record(env, _cli_json(capsys, ["summarize", doc, "--json"])["audit_id"])
    api = _record(env, env.post("/v1/summaries", json={"document_id": doc}, headers=KEY).json()["audit_id"])
    assert cli["model"] == api["model"] == "served-model-q4"
    assert cli["prompt"] == api["prompt"] == load_prompt("summary").fingerprint
    assert cli["input"] == api["input"] and "처리기간은 민원을 접수한 날부터" in cli["input"]
    assert cli["settings"]["mode"] == api["settings"]["mode"] == "model"
    assert services.audit.get(AGENCY, cli["id"]).sources == [{"kind": "document", "document_id": doc}]
