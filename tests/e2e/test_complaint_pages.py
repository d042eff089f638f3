"""The 민원 pages in a real headless Chromium (Debian's): sign in with a staff key, work a case
from 배정 to 결재 완료 with forms only (JavaScript off and on), and read the dashboard's charts."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.complaints.contacts import Contact
from biseo.interfaces.http.app import create_app
from biseo.services.complaints.service import NewComplaint
from tests.support.live_server import live_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]

STAFF = [
    Staff("c1", "총괄", "중구", None, Role.COORDINATOR),
    Staff("h1", "김담당", "중구", "건축과", Role.HANDLER),
    Staff("t1", "이팀장", "중구", "건축과", Role.TEAM_LEAD),
    Staff("k1", "박과장", "중구", "건축과", Role.HEAD),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("pages-home")
    services = build_services(Settings.load(home=str(home)))
    for s in STAFF:
        services.complaints.register_staff(s, hashlib.sha256(f"key-{s.id}".encode()).hexdigest())
    now = services.complaints.now()
    for day, text in enumerate(["불법 주차 단속 요청"] * 4 + ["가로등 고장 신고"] * 2):
        services.complaints.intake(
            NewComplaint(
                "중구",
                text,
                f"{text}합니다. 확인 바랍니다 {day}",
                received_at=now - timedelta(days=day % 3),
                contact=Contact(phone=f"010-0000-000{day}"),
            )
        )
    services.complaints.intake(
        NewComplaint("중구", "오래된 민원", "기한이 지난 민원", received_at=now - timedelta(days=40))
    )
    with live_server(create_app(services=services)) as base:
        yield base, services
    services.close()


@pytest.fixture(params=[False, True], ids=["no-js", "js"])
def as_staff(browser, server, request):
    base, _ = server
    contexts = []

    def login(staff_id: str):
        context = browser.new_context(java_script_enabled=request.param, locale="ko-KR")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{base}/complaints")
        assert "/complaints/login?next=" in page.url  # signed out: sent to the sign-in form
        page.get_by_label("직원 API 키").fill(f"key-{staff_id}")
        page.get_by_label("직원 API 키").press("Enter")
        page.wait_for_url(f"{base}/complaints")
        return page

    yield login
    for context in contexts:
        context.close()


def test_a_wrong_key_is_refused(browser, server):
    base, _ = server
    page = browser.new_page()
    page.goto(f"{base}/complaints/login")
    page.get_by_label("직원 API 키").fill("wrong")
    page.get_by_role("button", name="로그인").click()
    assert "키가 올바르지 않습니다" in page.get_by_role("alert").inner_text()
    page.close()


def test_case_from_assignment_to_signed_answer(as_staff, server, tmp_path):
    base, services = server
    case_id = services.complaints.intake(
        NewComplaint(
            "중구",
            "건축물 불법 증축 신고",
            "옆 건물이 옥상에 불법 증축을 하고 있습니다.",
            contact=Contact("홍길동", "010-1234-5678"),
        )
    ).case.id

    coordinator = as_staff("c1")
    assert coordinator.locator("table.cases").count() == 1
    assert coordinator.locator("tr.late .badge").first.inner_text() == "기한 경과"
    coordinator.get_by_role("link", name=case_id).click()
    assert coordinator.locator("#contact").inner_text().startswith("홍*동 010-****-5678")
    coordinator.get_by_label("부서").fill("건축과")
    coordinator.get_by_label("담당자 ID").fill("h1")
    coordinator.get_by_role("button", name="배정").click()
    assert "배정: 처리했습니다" in coordinator.get_by_role("status").inner_text()
    assert coordinator.locator("#state").inner_text() == "배정"

    handler = as_staff("h1")
    handler.goto(f"{base}/complaints/{case_id}")
    assert "010-1234-5678" in handler.locator("#contact").inner_text()  # the handler sees it whole
    handler.get_by_role("button", name="처리 시작").click()
    handler.get_by_label("답변").fill("1. 현장을 확인하여 위반건축물로 시정명령하였습니다.  끝.")
    handler.get_by_role("button", name="답변 저장").click()
    handler.get_by_role("button", name="결재 상신").click()
    assert handler.locator("#state").inner_text() == "결재"
    assert handler.get_by_role("button", name="결재(승인)").count() == 0  # not the handler's signature

    for signer in ("t1", "k1"):
        page = as_staff(signer)
        page.goto(f"{base}/complaints/{case_id}")
        page.get_by_role("button", name="결재(승인)").click()
    assert page.locator("#state").inner_text() == "완료"
    assert "시정명령" in page.locator("#answer").inner_text()
    events = page.locator("ol.events li").all_inner_texts()
    assert "접수" in events[0] and events[-1].split(" · ")[1] == "k1"  # 접수 … 과장 결재, with actors
    assert sum("결재(승인)" in e for e in events) == 2
    page.screenshot(path=str(tmp_path / "case.png"), full_page=True)


def test_dashboard_draws_charts_with_tables(as_staff):
    page = as_staff("c1")
    page.get_by_role("link", name="현황").click()
    assert int(page.locator("#total").inner_text()) >= 7
    assert int(page.locator("#open-overdue").inner_text()) >= 1
    charts = page.get_by_role("img")
    assert charts.count() == 3
    assert page.locator("figure.chart svg rect").count() >= 3
    by_state = page.locator("figure.chart").nth(1).locator("table.data").inner_text()
    assert "접수" in by_state
    assert "불법" in page.locator("#rising").inner_text() or "주차" in page.locator("#rising").inner_text()
