"""Summaries with a model (through the same port as the real client): map-reduce over chunks that
fit the context, each bullet tied to its supporting sentence or flagged, personal data pseudonymized,
the extractive summary when the model fails; every summary in the audit trail."""

from __future__ import annotations

import pytest

from biseo.bootstrap import build_privacy, build_summaries
from biseo.domain.drafting.summary import DETERMINISTIC_LABEL, Style
from biseo.services.ai.llm import GuardedChat, LlmUnavailable, TokenBudget
from biseo.services.drafting.model_summaries import MODEL_LABEL, chunks
from biseo.services.drafting.summary_evaluation import sections
from tests.conftest import SHARED_DATA
from tests.support.fake_chat import FakeChat

pytestmark = pytest.mark.integration

PHONE = "010-2345-6789"


@pytest.fixture(scope="module")
def precedent() -> str:
    path = sorted((SHARED_DATA / "precedents").glob("*.md"))[0]
    body = sections(path.read_text(encoding="utf-8"))["판례내용"]
    return f"원고 연락처는 {PHONE}이다. " + body


def test_chunks_pack_sentences_under_the_limit():
    spans = [(0, 40), (41, 90), (91, 300), (301, 320)]
    assert chunks("x" * 320, spans, 100) == [(0, 90), (91, 191), (191, 291), (291, 300), (301, 320)]
    assert all(e - s <= 100 for s, e in chunks("x" * 320, spans, 100))


def test_map_reduce_summary_ties_bullets_to_sentences_and_flags_the_rest(precedent):
    tools = build_summaries().tools
    spans = [(s, e) for s, e in tools.sentences(precedent) if 40 < e - s < 300]
    start, end = spans[len(spans) // 2]
    sentence = precedent[start:end].strip()
    fake = FakeChat(f"○ {sentence}\n○ 법원은 원고에게 위자료 10억 원을 지급하라고 명하였다")
    chat = GuardedChat(fake, build_privacy(), TokenBudget(10_000_000), max_prompt_tokens=1500)
    summary = (
        build_summaries()
        .__class__(tools, chat=chat)
        .summarize_text(precedent, title="판례", style=Style.OUTLINE)
    )
    parts = len(fake.payloads) - 1
    assert len(precedent) > 1000 and parts >= 2  # mapped over several chunks, then reduced once
    assert summary.mode == MODEL_LABEL
    first, invented = summary.bullets
    assert first.supported and (first.start, first.end) == (start, end)
    assert not invented.supported and "(근거 확인 필요)" in summary.render()
    assert PHONE not in str(fake.payloads) and "〔전화1〕" in str(fake.payloads[0])


def test_a_failing_model_falls_back_to_the_labelled_extractive_summary(precedent):
    class Down(FakeChat):
        def complete(self, messages, *, max_tokens, temperature=0.0):
            raise LlmUnavailable("timed out")

    chat = GuardedChat(Down(), build_privacy(), TokenBudget(10_000_000))
    summary = build_summaries().__class__(build_summaries().tools, chat=chat).summarize_text(precedent)
    assert summary.mode == DETERMINISTIC_LABEL and "timed out" in summary.notices[0]
    assert summary.bullets and all(b.supported for b in summary.bullets)


def test_summaries_through_the_api_are_in_the_audit_trail(tmp_path, precedent):
    import hashlib

    from fastapi.testclient import TestClient

    from biseo.bootstrap import build_services
    from biseo.config import Settings
    from biseo.domain.complaints.access import Staff
    from biseo.domain.complaints.approval import Role
    from biseo.interfaces.http.app import create_app

    services = build_services(Settings.load(home=str(tmp_path / "home")))
    services.complaints.register_staff(
        Staff("s1", "김주무관", "중구", "민원과", Role.HANDLER), hashlib.sha256(b"key-s1").hexdigest()
    )
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000)) as client:
        body = client.post(
            "/v1/summaries", json={"text": precedent}, headers={"X-Staff-Key": "key-s1"}
        ).json()
        assert body["bullets"] and all(b["supported"] for b in body["bullets"])
        record = client.get(f"/v1/audit/{body['audit_id']}", headers={"X-Staff-Key": "key-s1"}).json()
        assert record["kind"] == "summary" and record["model"] is None and PHONE not in record["input"]
        anonymous = client.post("/v1/summaries", json={"text": precedent})
        assert anonymous.status_code == 401  # 요약 is a staff tool: nobody summarizes unrecorded
    services.close()
