"""The API docs render in Chromium from files biseo serves itself, under the Content-Security-Policy,
and no request leaves the server (a 망분리 office reaches no CDN)."""

from __future__ import annotations

import pytest

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.interfaces.http.app import create_app
from tests.support.live_server import live_server

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_swagger_renders_offline_under_the_csp(browser, isolated_home, tmp_path) -> None:
    services = build_services(Settings.load())
    with live_server(create_app(services=services)) as base:
        context = browser.new_context(locale="ko-KR")
        page = context.new_page()
        requests: list[str] = []
        violations: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
        )
        page.goto(f"{base}/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
        assert "biseo" in page.locator(".swagger-ui .info .title").inner_text()
        page.get_by_text("/v1/search").first.wait_for()
        page.screenshot(path=str(tmp_path / "docs.png"), full_page=False)
        assert requests and all(url.startswith(base) or url.startswith("data:") for url in requests), requests
        assert violations == []
        context.close()
    services.close()
