"""The drafting page in a real headless Chromium: an official pastes a 민원, sees it beside the draft
at a readable width in a Korean proportional font, edits the draft, reads the 보낼 문안 (citations
instead of [n], no past case, no ※ note for the official) and downloads HWPX that biseo's own parser
reads back; the text sent lands in the audit trail as the final version. One pass uses only the keyboard."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import re

import pytest

from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.http.app import create_app
from tests.conftest import SHARED_DATA
from tests.support import search_corpus
from tests.support.live_server import live_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]


@pytest.fixture(scope="module")
def server(tmp_path_factory, shared_token_cache):
    answers = tmp_path_factory.mktemp("answers") / "answers.csv"
    with (SHARED_DATA / "complaints" / "incheon_junggu_dev.csv").open(encoding="utf-8") as source:
        rows = list(csv.reader(source))[:80]
    # a past answer on the same matter as COMPLAINT (the first dev rows hold none above the relevance gate)
    header = rows[0]
    same = {
        "id": "q-1",
        "title": "민원 처리기간 계산",
        "date": "2020-01-02",
        "content": "신청한 민원의 처리기간이 어떻게 계산되나요? 공휴일과 토요일도 처리기간에 들어가나요?",
        "answer": "1. 민원의 처리기간은 접수한 날부터 계산하며, 공휴일과 토요일은 처리기간에 산입하지 않습니다.  끝.",
        "department": "민원과",
    }
    rows.append([same.get(column, "") for column in header])
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


TITLE = "민원 처리기간 문의"
COMPLAINT = (
    "지난주에 신청한 민원의 처리기간이 어떻게 계산되는지 궁금합니다. 공휴일과 토요일도 처리기간에 "
    "들어가는지 알려 주세요. 제 연락처는 010-2345-6789입니다."
)
ADDED = "처리기간에는 공휴일과 토요일을 넣지 않습니다."
MARKER = re.compile(r"\[\d{1,3}\]")
DRAFT_WAIT_MS = 120_000  # a first draft loads the analyzers; two shared cores under load take a while


def sign_in(page, base, key="key-h1"):
    page.goto(f"{base}/complaints/login?next=/drafts/reply")
    page.get_by_label("직원 API 키").fill(key)
    page.get_by_label("직원 API 키").press("Enter")
    page.wait_for_url(f"{base}/drafts/reply")


def draft(page, title=TITLE, content=COMPLAINT):
    page.get_by_label("민원 제목").fill(title)
    page.get_by_label("민원 내용").fill(content)
    page.get_by_role("button", name="초안 만들기").click()
    page.locator("#mode").wait_for()


def article_number(page) -> str:
    """The [n] of the first 법령 조문 among the sources."""
    item = page.locator("#sources > li", has=page.locator(".kind", has_text="법령 조문")).first
    return (item.get_attribute("id") or "").removeprefix("source-")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_paste_draft_edit_and_download_the_text_that_goes_out(browser, server, tmp_path, javascript):
    from biseo.adapters.parsers import ContentParser

    base, services = server
    context = browser.new_context(java_script_enabled=javascript, locale="ko-KR", accept_downloads=True)
    context.set_default_timeout(DRAFT_WAIT_MS)
    page = context.new_page()
    page.goto(f"{base}/drafts/reply")
    assert "/complaints/login?next=/drafts/reply" in page.url
    sign_in(page, base)
    assert (
        page.locator("#basis").inner_text().startswith("작성 기준: 중구 · 교통과")
    )  # the official's own unit
    draft(page)
    assert "템플릿 초안(LLM 미사용)" in page.locator("#mode").inner_text()
    assert "로그인한 직원(김주무관)의 소속" in page.locator("#basis").inner_text()
    used = page.locator("#used").inner_text()  # what the draft drew on, in the official's words
    assert "유사 답변" in used and "법령 조문" in used and "근거로 들었습니다" in used
    verification = page.locator("#verification").inner_text()
    assert "확인" in verification and "확인 필요" not in verification
    assert page.locator("#lint").inner_text() == "통과"
    cite = page.locator("#citations a.cite").first
    target = cite.get_attribute("href")
    assert target and target.startswith("#source-")
    cite.click()
    assert page.url.endswith(target) and page.locator(target).is_visible()
    shares = page.locator("#sources .match").all_inner_texts()  # past answers say how much they share
    assert shares and all(re.fullmatch(r"핵심어 일치 \d+%( · 다른 사안일 수 있음)?", s) for s in shares)
    number = article_number(page)
    assert number, "the 민원 처리기간 question finds an article of 「민원 처리에 관한 법률」"
    assert "처리기간" in page.locator(f"#source-{number} .source-text").inner_text()  # the article's text

    drafted = page.locator("#final-text").input_value()
    outgoing = page.locator("#outgoing").input_value()
    assert MARKER.search(drafted) and "※" in drafted
    assert not MARKER.search(outgoing) and "※" not in outgoing and "유사 민원" not in outgoing
    edited = drafted.replace("1. ", "1. (수정) ", 1) + f"\n  {ADDED} [{number}]"
    page.locator("#final-text").fill(edited)
    with page.expect_download() as info:
        page.get_by_role("button", name="내려받기").click()
    path = tmp_path / "answer.hwpx"
    info.value.save_as(path)
    parsed = " ".join(ContentParser().parse(path.read_bytes(), path.name).text.split())
    assert "1. (수정)" in parsed and not MARKER.search(parsed) and "확인해 주십시오" not in parsed
    assert re.search(r"넣지 않습니다\(「민원 처리에 관한 법률[^」]*」 제\d+조\)\.", parsed)

    record_id = page.locator("#audit-id").inner_text()
    record = services.audit.get("중구", record_id)
    assert "010-2345-6789" not in record.input and "(수정)" in record.finals[-1].diff
    assert not MARKER.search(record.finals[-1].text)  # the trail keeps what was sent
    if not javascript:  # the button shows the 보낼 문안 of the edited text on a page of its own
        page.get_by_role("button", name="보낼 문안 새로 고침").click()
        shown = " ".join(page.locator("#outgoing").input_value().split())
        assert "1. (수정)" in shown and "넣지 않습니다(「민원 처리에 관한 법률" in shown
    context.close()


def test_complaint_and_draft_side_by_side_at_a_readable_width(browser, server, tmp_path):
    base, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    context.set_default_timeout(DRAFT_WAIT_MS)
    page = context.new_page()
    sign_in(page, base)
    draft(page)
    page.screenshot(path=str(tmp_path / "draft-1280.png"), full_page=True)
    complaint, drafted = (page.locator(s).bounding_box() for s in ("#complaint-pane", "#draft-pane"))
    assert complaint and drafted
    assert complaint["width"] >= 0.45 * 1280 and drafted["width"] >= 0.45 * 1280
    assert complaint["y"] == drafted["y"] and complaint["x"] + complaint["width"] <= drafted["x"]
    editor = page.locator("#final-text").bounding_box()
    assert editor and editor["width"] >= 0.9 * drafted["width"] - 40  # the editor fills its pane
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # nothing runs off the side
    for selector in ("#content", "#final-text", "#outgoing", ".source-text"):
        family = page.evaluate("s => getComputedStyle(document.querySelector(s)).fontFamily", selector)
        assert family.startswith('"Noto Sans KR"') and "monospace" not in family
    fonts = rendered_fonts(context, page, "#final-text")  # what Chromium drew the Korean with
    assert fonts and not any(re.search(r"mono|coding|courier", f, re.I) for f in fonts), fonts

    page.set_viewport_size({"width": 700, "height": 900})  # a narrow window stacks the panes
    page.screenshot(path=str(tmp_path / "draft-700.png"), full_page=True)
    complaint, drafted = (page.locator(s).bounding_box() for s in ("#complaint-pane", "#draft-pane"))
    assert complaint and drafted and drafted["y"] >= complaint["y"] + complaint["height"]
    assert drafted["width"] >= 0.9 * 700 - 40
    context.close()


def rendered_fonts(context, page, selector):
    """The fonts Chromium drew a text field's text with (its inner editor sits in a shadow root)."""
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    field = cdp.send("DOM.querySelector", {"nodeId": root["nodeId"], "selector": selector})["nodeId"]
    inner = cdp.send("DOM.describeNode", {"nodeId": field, "depth": -1, "pierce": True})["node"]
    editor = inner["shadowRoots"][0]["children"][0]["backendNodeId"]
    node = cdp.send("DOM.pushNodesByBackendIdsToFrontend", {"backendNodeIds": [editor]})["nodeIds"][0]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [f["familyName"] for f in fonts if f["glyphCount"]]


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches ``selector``; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_an_official_drafts_edits_and_downloads_with_the_keyboard_only(browser, server, tmp_path):
    from biseo.adapters.parsers import ContentParser

    base, _ = server
    context = browser.new_context(locale="ko-KR", accept_downloads=True)
    context.set_default_timeout(DRAFT_WAIT_MS)
    page = context.new_page()
    page.goto(f"{base}/complaints/login?next=/drafts/reply")
    tab_to(page, "#key")
    page.keyboard.type("key-h1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/drafts/reply")

    tab_to(page, "#title")
    page.keyboard.type(TITLE)
    tab_to(page, "#content", limit=1)
    page.keyboard.type(COMPLAINT)
    tab_to(page, "#department", limit=1)
    tab_to(page, "#complaint-form button[type=submit]", limit=1)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    number = article_number(page)

    tab_to(page, "#final-text")  # the editor comes right after the complaint form
    text = page.locator("#final-text").input_value()
    page.keyboard.press("Control+End")
    for _ in range(len(text) - text.rindex("\n")):  # to the end of the line before the contact line
        page.keyboard.press("ArrowLeft")
    page.keyboard.type(f"\n  {ADDED} [{number}]")
    outgoing = page.locator("#outgoing")
    page.wait_for_function("() => document.querySelector('#outgoing').value.includes('넣지 않습니다(')")
    assert re.search(r"넣지 않습니다\(「[^」]+」 제\d+조\)\.\n\d+\. 기타", outgoing.input_value())

    tab_to(page, "#outgoing", limit=1)  # the text that goes out can be read with the keyboard too
    tab_to(page, "#export")
    with page.expect_download() as info:
        page.keyboard.press("Space")
    path = tmp_path / "answer.hwpx"
    info.value.save_as(path)
    assert "넣지 않습니다(「" in ContentParser().parse(path.read_bytes(), path.name).text

    tab_to(page, "#citations a.cite")
    page.keyboard.press("Enter")
    assert re.search(r"#source-\d+$", page.url)
    tab_to(page, "#sources .source-text")  # a source's text scrolls under the keyboard
    assert page.evaluate("document.activeElement.closest('#sources li').id").startswith("source-")
    context.close()


def test_a_case_gets_its_answer_from_the_drafting_page(browser, server):
    from biseo.domain.complaints.cases import CaseState
    from biseo.domain.complaints.commands import AssignCase, StartWork
    from biseo.services.complaints.service import NewComplaint

    base, services = server
    complaints = services.complaints
    case = complaints.intake(
        NewComplaint(
            "중구", "버스정류장 의자 파손", "영종역 버스정류장 의자가 부서져 앉을 수 없습니다. 고쳐 주세요."
        )
    ).case
    complaints.handle(complaints.store.staff("c1"), AssignCase(case.id, "교통과", "h1"))
    complaints.handle(complaints.store.staff("h1"), StartWork(case.id))

    context = browser.new_context(java_script_enabled=False, locale="ko-KR")
    context.set_default_timeout(DRAFT_WAIT_MS)
    page = context.new_page()
    page.goto(f"{base}/complaints/login?next=/complaints/{case.id}")
    page.get_by_label("직원 API 키").fill("key-h1")
    page.get_by_label("직원 API 키").press("Enter")
    page.wait_for_url(f"{base}/complaints/{case.id}")
    page.get_by_role("button", name="답변서 초안 만들기 (유사 답변·법령 인용)").click()
    assert "템플릿 초안" in page.locator("#mode").inner_text()
    assert page.get_by_label("민원 내용").input_value().startswith("영종역 버스정류장")
    assert "민원 배정 부서" in page.locator("#basis").inner_text()
    outgoing = page.locator("#outgoing").input_value()
    page.get_by_role("button", name="민원 답변으로 저장").click()
    page.wait_for_url(f"{base}/complaints/{case.id}?done=*")
    assert page.locator("#state").inner_text() == str(CaseState.DRAFTING)
    answer = " ".join(page.locator("#answer").inner_text().split())
    assert answer == " ".join(outgoing.split()) and not MARKER.search(answer)  # the case keeps what goes out
    context.close()
