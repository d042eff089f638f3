"""민원 reply drafts, reports and the AI audit trail on real statutes and real past answers (the shared
Incheon Jung-gu complaints): citations verified, form linted, personal data kept from the model and
the logs, exports re-opened by biseo's own parser, records visible to their agency only."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import logging

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_privacy
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.drafting.reply import MODEL_LABEL, TEMPLATE_LABEL
from biseo.interfaces.http.app import create_app
from biseo.services.ai.llm import GuardedChat, LlmUnavailable, TokenBudget
from biseo.services.drafting.past_answers import PastAnswerIndex, read_past_answers
from biseo.services.drafting.replies import ReplyService
from biseo.services.drafting.reply_evaluation import LineCapture, evaluate
from biseo.services.drafting.reply_findings import RELEVANCE_GATE, REVERSE_GATE
from tests.conftest import SHARED_DATA
from tests.support import search_corpus
from tests.support.fake_chat import FakeChat

pytestmark = pytest.mark.integration

COMPLAINTS = SHARED_DATA / "complaints" / "incheon_junggu_dev.csv"
PII_COMPLAINT = (
    "민원 처리기간이 지났는데 답이 없습니다",
    "지난달 접수한 민원의 처리기간이 지났습니다. 저는 홍길동이고 연락처는 010-2345-6789, "
    "주소는 서울특별시 종로구 세종대로 209입니다. 민원 처리기간은 어떻게 계산하나요?",
)
SECRETS = ("홍길동", "010-2345-6789", "세종대로 209")


@pytest.fixture(scope="module")
def services(tmp_path_factory, shared_token_cache):
    s = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    yield s
    s.close()


@pytest.fixture(scope="module")
def past(services):
    return PastAnswerIndex(services.search.analyzer, read_past_answers(COMPLAINTS)[:120])


def service(services, past, chat=None):
    return ReplyService(services.search, services.citations, lambda: past, chat)


def _with_relevant_match(past):
    """A complaint whose nearest other past complaint is about the same matter (at the gate or above)."""
    for row in past.answers:
        nearest = past.similar(row.title, row.content, k=1, exclude={row.id})
        if nearest and nearest[0].coverage >= RELEVANCE_GATE + 0.05 and nearest[0].reverse >= REVERSE_GATE:
            return row
    raise AssertionError("no complaint with a relevant past answer")


def test_template_reply_cites_verified_sources_and_never_the_complaints_own_answer(services, past):
    row = _with_relevant_match(past)
    draft = service(services, past).draft(row.title, row.content, exclude={row.id})
    assert draft.mode == TEMPLATE_LABEL and draft.model is None
    assert all(s.reference != row.id for s in draft.sources)
    assert draft.citations and draft.citations_valid
    assert draft.lint_passed, draft.lint
    answers = {s.number: s for s in draft.sources if s.kind == "answer"}
    findings = [c for c in draft.citations if c.number in answers]
    assert findings and all(c.status == "verified" for c in findings)
    assert len({c.number for c in findings}) == 1  # one past answer supplies the findings
    assert draft.text.rstrip().endswith("  끝.")


def test_the_answering_units_own_past_answers_come_first(services, past):
    """An answer by the drafting unit counts half again (×1.5): a close runner-up from that unit
    moves ahead of a slightly better match from another unit."""
    from biseo.domain.complaints.routing import stable_unit

    def unit(match):
        return stable_unit(match.answer.department or "")

    for row in past.answers:
        plain = past.similar(row.title, row.content, k=10, exclude={row.id})
        runner = next((m for m in plain[1:] if unit(m) and unit(m) != unit(plain[0])), None)
        if (
            runner
            and runner.score * 1.5 > plain[0].score
            and runner.coverage >= RELEVANCE_GATE
            and runner.reverse >= REVERSE_GATE
        ):
            break
    else:
        raise AssertionError("no complaint with a close runner-up from another unit")
    owned = past.similar(row.title, row.content, k=3, exclude={row.id}, unit=f"어느국 {unit(runner)}")
    assert unit(owned[0]) == unit(runner) != unit(plain[0])
    draft = service(services, past).draft(row.title, row.content, exclude={row.id}, department=unit(runner))
    assert stable_unit(draft.sources[0].department or "") == unit(runner)


def test_past_answers_about_other_matters_are_not_used_and_the_draft_says_so(services, past):
    """A complaint that strings together sixty unrelated titles shares few of its terms with any one
    past complaint: no findings are offered, and the draft says plainly that none was similar."""
    row = past.answers[0]
    close = service(services, past).draft(row.title, row.content)  # its own past complaint: a full match
    assert "확인해 주십시오" in close.text and close.findings_kept
    mixed = " ".join(a.title for a in past.answers[1:120:2])
    weak = service(services, past).draft("여러 가지 건의", mixed)
    assert not any(s.kind == "answer" for s in weak.sources)
    assert weak.findings_kept == 0 and "비슷한 과거 답변이 없어" in weak.text
    assert any("다른 사안으로 보고 쓰지 않았습니다" in n for n in weak.notices)
    assert weak.lint_passed, weak.lint
    # each past answer carries its share, so the page can show how close it is
    close_answer = next(s for s in close.source_list() if s["kind"] == "answer")
    assert close_answer["match_share"] > 0.5 and close_answer["weak_match"] is False
    assert all(s["match_share"] is None for s in weak.source_list() if s["kind"] == "article")


def test_statute_grounds_for_a_question_about_processing_periods(services, past):
    draft = service(services, past).draft(*PII_COMPLAINT)
    labels = [s.label for s in draft.sources if s.kind == "article"]
    assert any("민원 처리에 관한 법률" in label and "처리기간" in label for label in labels), labels
    assert draft.citations_valid


def test_model_draft_sends_no_personal_data_and_unverifiable_citations_are_flagged(services, past):
    fake = FakeChat(
        "1. 〔이름1〕 님의 민원에 답변드립니다.\n"
        "2. 처리기간은 「민원 처리에 관한 법률」 제19조에 따라 계산합니다 [1]\n"
        "3. 「가상의 특별법」 제3조에 따라 처리합니다 [9]\n"
        "4. 기타 문의는 민원과로 하여 주십시오.  끝."
    )
    chat = GuardedChat(fake, build_privacy(), TokenBudget(100_000))
    draft = service(services, past, chat).draft(*PII_COMPLAINT)
    assert draft.mode == MODEL_LABEL and draft.prompt and draft.prompt.startswith("reply.v3@")
    sent = "\n".join(m.content for payload in fake.payloads for m in payload)
    assert not [s for s in SECRETS if s in sent]
    assert "홍길동 님의 민원" in draft.text  # restored for the official
    statuses = {(c.number, c.status) for c in draft.citations}
    assert (9, "no_such_source") in statuses
    assert any(c.status == "unknown_law" for c in draft.citations)
    assert not draft.citations_valid


def test_a_model_that_fails_leaves_a_labelled_template_draft(services, past):
    class Down(FakeChat):
        def complete(self, messages, *, max_tokens, temperature=0.0):
            raise LlmUnavailable("connection refused")

    chat = GuardedChat(Down(), build_privacy(), TokenBudget(100_000))
    draft = service(services, past, chat).draft(*PII_COMPLAINT)
    assert draft.mode == TEMPLATE_LABEL and any("LLM을 쓸 수 없어" in n for n in draft.notices)


def _csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "content", "answer", "department"])
        writer.writerows(rows)


def test_reply_evaluation_counts_leaks_into_the_model_payload_and_the_logs(services, tmp_path):
    rows = [(r.id, r.title, r.content, r.answer, r.department) for r in read_past_answers(COMPLAINTS)[:30]]
    rows.insert(
        0,
        ("x1", PII_COMPLAINT[0], PII_COMPLAINT[1], "민원 처리기간은 법 제19조에 따라 계산합니다.", "민원과"),
    )
    path = tmp_path / "complaints.csv"
    _csv(path, rows)
    fake = FakeChat()
    chat = GuardedChat(fake, build_privacy(), TokenBudget(10_000_000))
    capture = LineCapture()
    from biseo.adapters.privacy.log_filter import RedactingFilter

    capture.addFilter(RedactingFilter(build_privacy().detector))
    logging.getLogger().addHandler(capture)
    try:
        logging.getLogger("biseo.test").warning("민원인 연락처 %s", "010-2345-6789")  # redacted, so no leak
        result = evaluate(
            lambda index: ReplyService(services.search, services.citations, lambda: index, chat),
            lambda r: PastAnswerIndex(services.search.analyzer, r),
            lambda text: text.split(),
            build_privacy(),
            services.citations,
            path,
            capture,
            limit=8,
            chat=chat,
        )
    finally:
        logging.getLogger().removeHandler(capture)
    assert result["complaints"] == 8 and result["mode"] == "model"
    assert result["biseo"]["pii_values"] >= 3 and result["biseo"]["pii_leaks"] == 0
    assert fake.payloads and all(s not in str(fake.payloads) for s in SECRETS)
    assert set(result["baseline"]) == {
        "citation_validity",
        "citations",
        "lint_pass_rate",
        "rougeL",
        "drafts_with_foreign_specifics",
        "foreign_specifics",
        "foreign_examples",
    }


def test_eval_reply_cli_template_mode(services, tmp_path, capsys, monkeypatch):
    from biseo.interfaces.cli.main import main

    rows = [(r.id, r.title, r.content, r.answer, r.department) for r in read_past_answers(COMPLAINTS)[:40]]
    path = tmp_path / "c.csv"
    _csv(path, rows)
    monkeypatch.setenv("BISEO_HOME", str(services.settings.home))
    monkeypatch.setenv("BISEO_CACHE_DIR", str(services.settings.cache_path))
    assert main(["eval", "reply", "--complaints", str(path), "--limit", "12"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["complaints"] == 12 and result["past_answers"] == 39 and result["mode"] == "template"
    assert result["biseo"]["citation_validity"] == 1.0 and result["biseo"]["pii_leaks"] == 0
    assert result["biseo"]["lint_pass_rate"] >= 0.9
    assert 0 < result["baseline"]["rougeL"] < 1 and 0 < result["biseo"]["rougeL"] < 1
    # the verbatim nearest answer carries other cases' details; the drafts carry fewer (0 on the dev run)
    assert (
        result["baseline"]["drafts_with_foreign_specifics"] > result["biseo"]["drafts_with_foreign_specifics"]
    )


STAFF = {
    "a": Staff("a", "김주무관", "중구", "민원과", Role.HANDLER),
    "b": Staff("b", "이주무관", "동구", "민원과", Role.HANDLER),
}


@pytest.fixture(scope="module")
def client(services):
    for s in STAFF.values():
        services.complaints.register_staff(s, hashlib.sha256(f"key-{s.id}".encode()).hexdigest())
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000)) as c:
        yield c


def test_reply_api_records_an_audit_trail_only_its_agency_can_read(client):
    title, content = PII_COMPLAINT
    assert client.post("/v1/drafts/reply", json={"title": title, "content": content}).status_code == 401
    a, b = {"X-Staff-Key": "key-a"}, {"X-Staff-Key": "key-b"}
    body = client.post("/v1/drafts/reply", json={"title": title, "content": content}, headers=a).json()
    check = body["verification"]  # the precedent cites laws this small store lacks: flagged, not hidden
    assert check["citations"] == check["verified"] + len(check["flagged"])
    assert (
        all(f["status"] in ("unknown_law", "unknown_precedent") and f["message"] for f in check["flagged"])
        > 0
    )
    assert body["mode"].startswith("템플릿 초안") and body["text"].endswith("  끝.")
    record_id = body["audit_id"]
    assert client.get(f"/v1/audit/{record_id}", headers=b).status_code == 404
    assert record_id not in str(client.get("/v1/audit", headers=b).json())
    record = client.get(f"/v1/audit/{record_id}", headers=a).json()
    stored = json.dumps(record, ensure_ascii=False)
    assert not [s for s in SECRETS if s in stored] and "〔전화1〕" in record["input"]
    assert record["model"] is None and record["verification"]["lint_passed"] is True
    assert record["sources"] and record["settings"]["llm"] is False
    assert record["settings"]["department"] == "민원과"  # the caller's unit, by default
    other = {"title": title, "content": content, "department": "교통운수과"}
    again = client.post("/v1/drafts/reply", json=other, headers=a).json()
    assert (
        client.get(f"/v1/audit/{again['audit_id']}", headers=a).json()["settings"]["department"]
        == "교통운수과"
    )
    final = body["text"].replace("감사드립니다.", "감사의 말씀을 드립니다.")
    diff = client.post(f"/v1/audit/{record_id}/final", json={"text": final}, headers=a).json()["diff"]
    assert "+1. 평소 우리 기관 행정에 관심을 가져 주신 귀하께 감사의 말씀을 드립니다." in diff
    assert client.post(f"/v1/audit/{record_id}/final", json={"text": final}, headers=b).status_code == 404
    assert len(client.get(f"/v1/audit/{record_id}", headers=a).json()["finals"]) == 1
    assert client.post("/v1/drafts/reply", json={"title": "x", "content": ""}, headers=a).status_code == 422


@pytest.mark.parametrize("fmt", ["hwpx", "docx", "md"])
def test_exports_reopen_with_the_same_text(client, fmt):
    from biseo.adapters.parsers import ContentParser

    text = "1. 귀하의 민원에 답변드립니다.\n  가. 처리기간은 「민원 처리에 관한 법률」 제19조에 따릅니다 [1]\n2. 문의: 민원과  끝."
    response = client.post(
        "/v1/drafts/export",
        json={"title": "민원 답변서", "text": text, "format": fmt},
        headers={"X-Staff-Key": "key-a"},
    )
    assert response.status_code == 200 and response.content
    parsed = ContentParser().parse(response.content, f"draft.{fmt}")
    lines = [" ".join(line.split()) for line in parsed.text.splitlines() if line.strip()]
    # the parser folds runs of spaces (the file keeps "  끝."); line by line the text is the same
    assert lines == ["민원 답변서", *[" ".join(line.split()) for line in text.splitlines()]]


def test_report_and_press_release_export_to_hwpx_and_back(services, client, tmp_path, capsys, monkeypatch):
    from biseo.adapters.parsers import ContentParser
    from biseo.interfaces.cli.main import main

    ids = [
        d.id for d in services.store.summaries(limit=100) if str(d.kind) in ("precedent", "press_release")
    ][:2]
    body = client.post(
        "/v1/drafts/report",
        json={"topic": "노동절 공휴일 지정 검토", "sources": ids, "kind": "press_release"},
        headers={"X-Staff-Key": "key-a"},
    ).json()
    assert body["title"] == "보도자료" and "| 담당 부서 | 책임자 | 담당자 | 연락처 |" in body["markdown"]
    check = body["verification"]  # the precedent cites laws this small store lacks: flagged, not hidden
    assert check["citations"] == check["verified"] + len(check["flagged"])
    assert all(f["status"] in ("unknown_law", "unknown_precedent") and f["message"] for f in check["flagged"])
    assert not [i for i in body["verification"]["lint"] if i["code"].startswith("date")]
    monkeypatch.setenv("BISEO_HOME", str(services.settings.home))
    monkeypatch.setenv("BISEO_CACHE_DIR", str(services.settings.cache_path))
    out = tmp_path / "report.hwpx"
    assert (
        main(
            [
                "draft",
                "report",
                "--topic",
                "노동절 공휴일 지정 검토",
                "--sources",
                *ids,
                "--out",
                str(out),
                "--json",
            ]
        )
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    parsed = ContentParser().parse(out.read_bytes(), out.name).text
    flat = " ".join(parsed.split())
    for line in printed["markdown"].splitlines():
        line = line.removeprefix("# ").strip()
        if line and not line.startswith("|"):
            assert " ".join(line.split()) in flat, line
    assert main(["draft", "report", "--topic", "x", "--sources", "no-such-doc"]) != 0


def test_the_index_grows_and_forgets_without_a_rebuild(services):
    rows = read_past_answers(COMPLAINTS)[:30]
    index = PastAnswerIndex(services.search.analyzer, rows[:20])
    target = index.answers[5]
    assert target.id in [m.answer.id for m in index.similar(target.title, target.content, k=1)]
    index.remove([target.id])
    assert len(index) == 19 and index.removed_share == 1 / 20
    assert all(m.answer.id != target.id for m in index.similar(target.title, target.content, k=20))
    index.add(rows[20:])
    newcomer = index.answers[-1]
    assert newcomer.id in [m.answer.id for m in index.similar(newcomer.title, newcomer.content, k=1)]
    index.add(
        [dataclasses.replace(newcomer, title="가로수 낙엽 청소", content="은행나무 낙엽을 치워 주세요")]
    )
    assert len(index) == 29  # replaced, not added twice
    hits = index.similar("은행나무 낙엽 청소", "", k=3)
    assert hits[0].answer.id == newcomer.id and hits[0].answer.title == "가로수 낙엽 청소"


def test_an_agencys_answered_cases_join_the_index_as_they_change(services):
    from biseo.services.complaints.history_import import import_history

    coordinator = Staff("c9", "총괄", "남구", "민원과", Role.COORDINATOR)
    row = {
        "id": "n-1",
        "title": "공원 벤치 파손",
        "content": "수봉공원 벤치가 부서졌습니다",
        "date": "2026.11.02",
    }
    import_history(
        services.complaints,
        coordinator,
        [{**row, "answer": "벤치를 교체하였습니다.", "department": "공원과"}],
        "t",
    )
    first = services.drafting.library.index("남구")
    assert [m.answer.answer for m in first.similar("공원 벤치", "벤치가 부서졌어요", k=1)] == [
        "벤치를 교체하였습니다."
    ]
    assert services.drafting.library.index("남구") is first  # nothing changed: no work
    store = services.complaints.store
    case = store.answered_cases("남구")[0]
    edited = dataclasses.replace(
        case, answer="벤치를 새것으로 교체하고 주변을 정비하였습니다.", version=case.version + 1
    )
    store.update(edited, store.events(case.id)[-1], expected_version=case.version)
    again = services.drafting.library.index("남구")
    assert again is first  # updated in place, not rebuilt
    assert [m.answer.answer for m in again.similar("공원 벤치", "벤치가 부서졌어요", k=1)] == [edited.answer]
    assert len(again) == len(first)
