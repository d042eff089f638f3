"""The search page in a real headless Chromium (Debian's), with and without JavaScript."""

from __future__ import annotations

import hashlib

import pytest

from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.http.app import create_app
from tests.support import search_corpus
from tests.support.live_server import live_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]


@pytest.fixture(scope="module")
def server(tmp_path_factory, shared_token_cache):
    services = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    services.complaints.register_staff(
        Staff("s1", "김주무관", "중구", "민원과", Role.HANDLER), hashlib.sha256(b"key-s1").hexdigest()
    )
    with live_server(create_app(services=services)) as base:
        yield base
    services.close()


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(browser, request):
    context = browser.new_context(java_script_enabled=request.param, locale="ko-KR")
    page = context.new_page()
    server = request.getfixturevalue("server")
    page.goto(f"{server}/search?q=%EB%AF%BC%EC%9B%90")  # 행정 지식 검색 is for officials: sign in first
    assert "/complaints/login?next=/search" in page.url
    page.get_by_label("직원 API 키").fill("key-s1")
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url("**/search?q=*")  # back where they were going, query and all
    yield page
    context.close()


def test_search_by_keyboard_and_open_the_passage(page, server, tmp_path):
    page.goto(f"{server}/search")
    assert page.get_attribute("html", "lang") == "ko"
    page.keyboard.press("Tab")
    assert page.locator(":focus").inner_text() == "본문 바로가기"  # the skip link comes first
    page.get_by_label("검색어").fill("민원처리법 제19조")
    page.get_by_label("검색어").press("Enter")
    page.wait_for_url("**/search?q=*")
    first = page.locator("ol.results > li").first
    assert "민원 처리에 관한 법률 제19조(처리기간의 계산)" in first.inner_text()
    assert first.locator(".exact").inner_text() == "조문 직접 지정"
    assert first.locator("mark").count() >= 1
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
    first.locator("a").click()
    page.wait_for_url("**/documents/*/segments/*")
    assert page.locator("h1").inner_text() == "민원 처리에 관한 법률 제19조(처리기간의 계산)"
    assert page.locator(".passage").inner_text().startswith("제19조")


def test_filters_by_kind_in_the_form(page, server):
    page.goto(f"{server}/search")
    page.get_by_label("검색어").fill("노동절 공휴일")
    page.get_by_label("문서 종류").select_option("press_release")
    page.get_by_role("button", name="검색").click()
    page.wait_for_url("**/search?q=*")
    metas = page.locator("ol.results .meta").all_inner_texts()
    assert metas and all(m.startswith("보도자료") for m in metas)


def test_nothing_searchable_and_no_results_are_explained(page, server):
    page.goto(f"{server}/search?q=%F0%9F%99%82")
    assert "검색할 수 있는 낱말이 없습니다" in page.get_by_role("status").first.inner_text()
    page.goto(f"{server}/search?q=백두산호랑이")
    assert "검색 결과가 없습니다" in page.locator("main").inner_text()


def test_every_form_control_has_a_label(page, server):
    page.goto(f"{server}/search")
    controls = page.locator("form input, form select")
    assert controls.count() >= 4
    for i in range(controls.count()):
        control_id = controls.nth(i).get_attribute("id")
        assert control_id and page.locator(f'label[for="{control_id}"]').count() == 1
