"""The citizen page in a real headless Chromium: questions one at a time (keyboard only, JavaScript
off and on), results grouped by status with reasons, labels and contrast (WCAG 2.1 AA), unsubscribe."""

from __future__ import annotations

from pathlib import Path

import pytest

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.interfaces.http.app import create_app
from tests.support.live_server import live_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]
DEMO = Path(__file__).resolve().parents[2] / "demo" / "benefits"

ANSWERS = {  # what our citizen answers, by question field
    "sido": lambda page: (
        page.get_by_label("주민등록상 사는 시·도는 어디인가요?").select_option("서울"),
        page.get_by_label("사는 시·군·구 (예: 마포구, 성남시)").fill("마포구"),
    ),
    "birth_date": lambda page: page.get_by_label("생년월일을 알려 주세요.").fill("1999-05-01"),
    "monthly_income": lambda page: (
        page.get_by_label("함께 사는 가구원은 모두 몇 명인가요?").fill("1"),
        page.get_by_label("가구의 한 달 소득(소득인정액)은 얼마인가요? (만원)").fill("250"),
    ),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("benefit-pages")
    services = build_services(Settings.load(home=str(home), benefits_catalog=str(DEMO)))
    with live_server(create_app(services=services)) as base:
        yield base
    services.close()


def _counts(page) -> dict[str, int]:
    out = {}
    for item in page.locator("ul.kpi li").all():
        label, number = item.inner_text().rsplit(" ", 1)
        out[label.strip()] = int(number.removesuffix("건"))
    return out


def _field(page) -> str | None:
    form = page.locator("form.question")
    if form.count() == 0:
        return None
    return form.locator("button[name=skip_field]").get_attribute("value")


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_questions_one_by_one_with_the_keyboard(browser, server, javascript):
    context = browser.new_context(java_script_enabled=javascript, locale="ko-KR")
    page = context.new_page()
    page.goto(f"{server}/benefits")
    start = _counts(page)
    assert start["비대상"] == 0 and sum(start.values()) == 85  # nothing answered: nothing is ruled out
    seen = []
    for _ in range(8):
        field = _field(page)
        if field is None:
            break
        seen.append(field)
        with page.expect_navigation():
            if field in ANSWERS:
                ANSWERS[field](page)
                page.get_by_role("button", name="다음").press("Enter")  # keyboard activation
            else:
                page.get_by_role("button", name="건너뛰기").press("Enter")
        assert _field(page) != field  # never the same question twice in a row
    assert {"sido", "birth_date"} <= set(seen)
    end = _counts(page)
    assert end["비대상"] > 0 and end["대상"] >= 1
    eligible = page.locator("section.status").first
    assert eligible.locator("h3").inner_text().startswith("대상")
    first = eligible.locator("ol.results > li").first
    assert "— 충족" in first.inner_text()  # each result says why, in plain Korean
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "1999" not in page.url and "마포" not in page.url  # answers never travel in the URL
    context.close()


def test_labels_focus_and_contrast(browser, server):
    page = browser.new_context(locale="ko-KR").new_page()
    page.goto(f"{server}/benefits")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(el => el.labels.length === 0 && !el.closest('fieldset')?.querySelector('legend'))
              .map(el => el.name)"""
    )
    assert unlabelled == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "본문 바로가기"
    ratios = page.evaluate(
        """() => {
          const lum = c => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => { v /= 255;
              return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
              if (c !== 'rgba(0, 0, 0, 0)') return c; } return 'rgb(255, 255, 255)'; };
          return [...document.querySelectorAll('main p, main li, main label, main button, main a, main h1, main h2, main h3')]
              .filter(el => el.offsetParent !== null)
              .map(el => ratio(getComputedStyle(el).color, bg(el)));
        }"""
    )
    assert ratios and min(ratios) >= 4.5


def test_subscription_needs_mail_and_unsubscribe_with_a_wrong_code(browser, server):
    page = browser.new_context(locale="ko-KR").new_page()
    page.goto(f"{server}/benefits")
    page.get_by_label("알림을 받을 전자우편 주소").fill("citizen@example.com")
    page.get_by_label(
        "답한 항목과 전자우편 주소를 혜택 알림에만 쓰는 데 동의합니다(이름·주소는 받지 않습니다)."
    ).check()
    page.get_by_role("button", name="알림 신청").click()
    assert "이 설치에서는 해당 알림 방식을 쓸 수 없습니다." in page.get_by_role("alert").inner_text()
    page.goto(f"{server}/benefits/unsubscribe?token=wrong")
    assert page.get_by_label("해지 코드").input_value() == "wrong"
    page.get_by_role("button", name="알림 그만 받기").click()
    assert "해지 코드가 맞지 않거나" in page.get_by_role("alert").inner_text()
