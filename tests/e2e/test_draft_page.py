"""The drafting page in a real headless Chromium: an official pastes a 민원, sees the draft with each
[n] linked to its source, the citation check and the 공문서 lint, edits it and downloads HWPX that
biseo's own parser reads back; the edited text lands in the audit trail as the final version."""

from __future__ import annotations

import csv
import dataclasses
import hashlib

import pytest

from biseo.bootstrap import build_audit
from biseo.domain.access import Staff
from biseo.domain.approval import Role
from biseo.interfaces.api.app import create_app
from tests.conftest import SHARED_DATA
from tests.support import search_corpus
from tests.support.live_server import live_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]


@pytest.fixture(scope="module")
def server(tmp_path_factory, shared_token_cache):
    answers = tmp_path_factory.mktemp("answers") / "answers.csv"
    with (SHARED_DATA / "complaints" / "incheon_junggu_dev.csv").open(encoding="utf-8") as source:
        rows = list(csv.reader(source))[:80]
    with answers.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    services = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    services.settings = dataclasses.replace(services.settings, past_answers=str(answers))
    services.complaints.register_staff(
        Staff("h1", "김주무관", "중구", "교통과", Role.HANDLER), hashlib.sha256(b"key-h1").hexdigest()
    )
    services.complaints.register_staff(
        Staff("c1", "총괄", "중구", None, Role.COORDINATOR), hashlib.sha256(b"key-c1").hexdigest()
    )
    with live_server(create_app(services=services)) as base:
        yield base, services
    services.close()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_paste_draft_check_edit_and_download_hwpx(browser, server, tmp_path, javascript):
    from biseo.adapters.parsers import ContentParser

    base, services = server
    context = browser.new_context(java_script_enabled=javascript, locale="ko-KR", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{base}/drafts/reply")
    assert "/complaints/login?next=/drafts/reply" in page.url
    page.get_by_label("직원 API 키").fill("key-h1")
    page.get_by_label("직원 API 키").press("Enter")
    page.wait_for_url(f"{base}/drafts/reply")

    page.get_by_label("민원 제목").fill("공영주차장이 너무 어두워요")
    page.get_by_label("민원 내용").fill(
        "공영주차장이 야간에 너무 어두워 불편합니다. 조명을 설치해 주세요. 제 연락처는 010-2345-6789입니다."
    )
    page.get_by_role("button", name="초안 만들기").click()
    assert "템플릿 초안(LLM 미사용)" in page.locator("#mode").inner_text()
    verification = page.locator("#verification").inner_text()
    assert "확인" in verification and "확인 필요" not in verification
    assert page.locator("#lint").inner_text() == "통과"
    cite = page.locator("#preview a.cite").first
    target = cite.get_attribute("href")
    assert target and target.startswith("#source-")
    cite.click()
    assert page.url.endswith(target)
    assert page.locator(target).is_visible()
    shares = page.locator("#sources .match").all_inner_texts()  # past answers say how much they share
    assert shares and all(share.startswith("핵심어 일치 ") and "%" in share for share in shares)

    edited = page.locator("#final-text").input_value().replace("1. ", "1. (수정) ", 1)
    page.locator("#final-text").fill(edited)
    with page.expect_download() as info:
        page.get_by_role("button", name="내려받기").click()
    path = tmp_path / "answer.hwpx"
    info.value.save_as(path)
    parsed = ContentParser().parse(path.read_bytes(), path.name).text
    assert "1. (수정)" in parsed and " ".join(edited.splitlines()[-1].split()) in " ".join(parsed.split())

    record_id = page.locator("#audit-id").inner_text()
    record = build_audit(services).get("중구", record_id)
    assert "010-2345-6789" not in record.input and "(수정)" in record.finals[-1].diff
    context.close()


def test_a_case_gets_its_answer_from_the_drafting_page(browser, server):
    from biseo.domain.cases import Action, CaseState
    from biseo.services.complaints import NewComplaint

    base, services = server
    complaints = services.complaints
    case = complaints.intake(
        NewComplaint(
            "중구", "버스정류장 의자 파손", "영종역 버스정류장 의자가 부서져 앉을 수 없습니다. 고쳐 주세요."
        )
    ).case
    complaints.act(complaints.store.staff("c1"), case.id, Action.ASSIGN, department="교통과", handler="h1")
    complaints.act(complaints.store.staff("h1"), case.id, Action.START)

    context = browser.new_context(java_script_enabled=False, locale="ko-KR")
    page = context.new_page()
    page.goto(f"{base}/complaints/login?next=/complaints/{case.id}")
    page.get_by_label("직원 API 키").fill("key-h1")
    page.get_by_label("직원 API 키").press("Enter")
    page.wait_for_url(f"{base}/complaints/{case.id}")
    page.get_by_role("button", name="답변서 초안 만들기 (유사 답변·법령 인용)").click()
    assert "템플릿 초안" in page.locator("#mode").inner_text()
    assert page.get_by_label("민원 내용").input_value().startswith("영종역 버스정류장")
    draft = page.locator("#final-text").input_value()
    page.get_by_role("button", name="민원 답변으로 저장").click()
    page.wait_for_url(f"{base}/complaints/{case.id}?done=*")
    assert page.locator("#state").inner_text() == str(CaseState.DRAFTING)
    assert " ".join(page.locator("#answer").inner_text().split()) == " ".join(draft.split())
    context.close()
