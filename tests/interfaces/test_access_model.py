"""The access model declared once: every route has exactly one class, forms need their token, API
clients are records with scopes, abuse limits answer 429 with Retry-After."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from biseo.bootstrap import Services, build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.security.access import Scope
from biseo.domain.security.limits import CITIZEN_WRITE, Limit
from biseo.interfaces.cli.main import main
from biseo.interfaces.http import app as app_module
from biseo.interfaces.http.access import declared_routes, rules_of, undeclared
from biseo.interfaces.http.app import create_app
from tests.support.forms import form_token

pytestmark = pytest.mark.integration
LOCAL = ("127.0.0.1", 50000)
REMOTE = ("198.51.100.9", 50000)


@pytest.fixture
def services(isolated_home) -> Iterator[Services]:
    s = build_services(Settings.load())
    s.complaints.register_staff(
        Staff("c1", "총괄", "중구", None, Role.COORDINATOR), hashlib.sha256(b"key-c1").hexdigest()
    )
    yield s
    s.close()


def test_every_route_declares_exactly_one_class(services: Services) -> None:
    app = create_app(services=services)
    routes = declared_routes(app.routes)
    assert len(routes) > 50 and undeclared(app.routes) == []
    classes = {rules_of(r)[0].rule.describe() for r in routes}
    assert classes == {"public", "staff", "client:read", "client:ingest"}


def test_a_route_without_a_class_stops_the_app(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    stray = APIRouter()

    @stray.get("/v1/forgotten")
    def forgotten() -> dict[str, str]:
        return {}

    monkeypatch.setattr(app_module.web, "ROUTERS", (*app_module.web.ROUTERS, stray))
    with pytest.raises(RuntimeError, match="/v1/forgotten"):
        create_app(services=services)


def test_every_page_form_needs_its_token(services: Services) -> None:
    with TestClient(create_app(services=services), client=LOCAL, headers={"X-Staff-Key": "key-c1"}) as client:
        forms = [
            r.path.replace("{case_id}", "x")
            for r in declared_routes(client.app.routes)  # type: ignore[attr-defined]
            if "POST" in (r.methods or ()) and not r.path.startswith("/v1/")
        ]
        assert len(forms) >= 10
        with TestClient(create_app(services=services), client=LOCAL) as browser:
            token = form_token(browser)
            signed = browser.post(
                "/complaints/login", data={"key": "key-c1", "csrf_token": token}, follow_redirects=False
            )
            assert signed.status_code == 303  # a signed-in official's browser, so staff forms get that far
            for path in forms:
                refused = browser.post(path, data={"text": "x"}, follow_redirects=False)
                assert refused.status_code == 403 and "보안 확인값" in refused.json()["error"]["message"], (
                    path
                )
                foreign = browser.post(
                    path, data={"text": "x", "csrf_token": token}, headers={"Origin": "https://evil.example"}
                )
                assert foreign.status_code == 403, path


def test_api_clients_are_records_with_scopes_last_use_and_revocation(services: Services, capsys) -> None:
    assert main(["keys", "add", "민원포털", "--scope", "read"]) == 0
    key = re.search(r"API 키 \(다시 보여 주지 않습니다\): (\S+)", capsys.readouterr().out).group(1)  # type: ignore[union-attr]
    assert services.api_clients.configured()
    with TestClient(create_app(services=services), client=REMOTE) as client:
        assert client.get("/v1/documents", headers={"X-API-Key": key}).status_code == 200
        upload = client.post(
            "/v1/documents", files={"file": ("a.txt", "본문".encode())}, headers={"X-API-Key": key}
        )
        assert upload.status_code == 403 and "ingest" in upload.json()["error"]["message"]  # read scope only
        assert main(["keys", "list", "--json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        assert (
            listed[0]["name"] == "민원포털" and listed[0]["scopes"] == ["read"] and listed[0]["last_used_at"]
        )
        assert key not in json.dumps(listed)
        log = services.access_log.accesses("client:민원포털", 10)
        assert [(e.method, e.path, e.status) for e in log][-1] == ("GET", "/v1/documents", 200)
        assert main(["keys", "revoke", "민원포털"]) == 0
        assert client.get("/v1/documents", headers={"X-API-Key": key}).status_code == 401
    with TestClient(
        create_app(services=services), client=LOCAL
    ) as local:  # a revoked key still counts as keys
        assert local.get("/v1/documents").status_code == 200  # no active key left: loopback demo again
    assert services.api_clients.list()[0].revoked_at is not None


def test_with_no_key_only_direct_loopback_reaches_the_client_routes(services: Services) -> None:
    with TestClient(create_app(services=services), client=LOCAL) as local:
        assert local.get("/v1/documents").status_code == 200
        proxied = local.get("/v1/documents", headers={"X-Forwarded-For": "203.0.113.5"})
        assert proxied.status_code == 401  # a proxy on this host forwards the world: not the demo
    with TestClient(create_app(services=services), client=REMOTE) as remote:
        assert remote.get("/v1/documents").status_code == 401
        assert remote.get("/benefits").status_code == 200


def test_citizen_writes_are_limited_with_retry_after(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(services=services)
    (route,) = [r for r in declared_routes(app.routes) if r.path == "/v1/benefits/subscriptions/{token}"]
    rule = rules_of(route)[0]
    assert rule.limit == CITIZEN_WRITE  # the real limit, in a window no test run can straddle:
    monkeypatch.setattr(rule, "limit", dataclasses.replace(CITIZEN_WRITE, seconds=3600 * 10**5))
    with TestClient(app, client=REMOTE) as citizen:
        codes = [citizen.delete(f"/v1/benefits/subscriptions/nope-{i}").status_code for i in range(31)]
        assert codes[:30] == [404] * 30 and codes[30] == 429
        last = citizen.delete("/v1/benefits/subscriptions/nope")
        assert last.status_code == 429 and int(last.headers["retry-after"]) > 0
        assert "잠시 뒤에" in last.json()["error"]["message"]
        assert (
            citizen.post("/v1/benefits/eligibility", json={"profile": {}}).status_code != 429
        )  # reads are free
    with TestClient(app, client=("198.51.100.10", 1)) as neighbour:
        assert neighbour.delete("/v1/benefits/subscriptions/nope").status_code == 404


def test_scopes_are_named_in_the_client_record(services: Services) -> None:
    key = services.api_clients.add("수집기", [Scope.INGEST])
    with TestClient(create_app(services=services), client=REMOTE) as client:
        stored = client.post(
            "/v1/documents", files={"file": ("a.txt", "본문".encode())}, headers={"X-API-Key": key}
        )
        assert stored.status_code == 201
        assert client.get("/v1/search", params={"q": "본문"}, headers={"X-API-Key": key}).status_code == 403


def test_every_page_and_api_answer_carries_the_headers(services: Services) -> None:
    with TestClient(create_app(services=services), client=LOCAL, headers={"X-Staff-Key": "key-c1"}) as client:
        paths = [
            r.path
            for r in declared_routes(client.app.routes)  # type: ignore[attr-defined]
            if "GET" in (r.methods or ()) and "{" not in r.path
        ]
        assert len(paths) >= 15
        for path in paths:
            response = client.get(path, follow_redirects=False)
            assert response.status_code < 500, path
            assert "script-src 'self'" in response.headers["content-security-policy"], path
            assert response.headers["x-frame-options"] == "DENY", path
            assert response.headers["x-content-type-options"] == "nosniff", path
        assert "strict-transport-security" not in client.get("/benefits").headers  # plain http here


def test_expensive_calls_are_limited_per_official(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(services=services)
    (summaries,) = [r for r in declared_routes(app.routes) if r.path == "/v1/summaries"]
    rule = rules_of(summaries)[0]
    # a window no test run can straddle: the count, not the clock, decides here
    monkeypatch.setattr(rule, "limit", Limit("expensive", 2, 10**9, "요청이 너무 많습니다."))
    with TestClient(app, client=LOCAL, headers={"X-Staff-Key": "key-c1"}) as client:
        codes = [
            client.post("/v1/summaries", json={"text": "처리기간은 접수한 날부터 계산한다."}).status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]


def test_a_rebound_name_does_not_get_the_loopback_demo(services: Services) -> None:
    """DNS rebinding: evil.example resolving to 127.0.0.1 sends its own name in Host."""
    with TestClient(create_app(services=services), client=LOCAL) as local:
        rebound = {"Host": "rebind.evil.example:8000", "Origin": "http://rebind.evil.example:8000"}
        assert local.get("/v1/documents", headers=rebound).status_code == 401
        assert local.get("/v1/documents", headers={"Host": "localhost:8000"}).status_code == 200


def test_a_session_with_any_header_still_needs_the_token(services: Services) -> None:
    with TestClient(create_app(services=services), client=LOCAL) as browser:
        token = form_token(browser)
        signed = browser.post(
            "/complaints/login", data={"key": "key-c1", "csrf_token": token}, follow_redirects=False
        )
        assert signed.status_code == 303
        created = browser.post(
            "/v1/complaints",
            json={"title": "가로등", "content": "꺼졌어요"},
            headers={"X-Staff-Key": "key-c1"},
        ).json()["case"]["id"]
        act = f"/complaints/{created}/act"
        for junk in ({"X-API-Key": "junk"}, {"Authorization": "Bearer junk"}):
            forged = browser.post(act, data={"action": "assign", "department": "헤더과"}, headers=junk)
            assert forged.status_code == 403, junk
            upload = browser.post(
                f"/v1/complaints/{created}/attachments", files={"file": ("a.txt", b"x")}, headers=junk
            )
            assert upload.status_code == 403, junk


def test_citizens_land_on_their_page_and_browsers_get_pages_for_errors(services: Services) -> None:
    with TestClient(create_app(services=services), client=REMOTE) as citizen:
        assert citizen.get("/", follow_redirects=False).headers["location"] == "/benefits"
        assert "업무 로그인" in citizen.get("/benefits").text  # officials find their way from there
        page = citizen.get("/nope", headers={"Accept": "text/html"})
        assert page.status_code == 404 and "<h1>요청을 처리하지 못했습니다</h1>" in page.text
        assert citizen.get("/nope").json()["error"]["code"] == "http_error"  # programs keep JSON


def test_a_link_cannot_put_its_own_text_in_a_pages_alert(services: Services) -> None:
    staff = {"X-Staff-Key": "key-c1"}
    with TestClient(create_app(services=services), client=LOCAL, headers=staff) as client:
        case_id = client.post("/v1/complaints", json={"title": "가로등", "content": "꺼졌어요"}).json()[
            "case"
        ]["id"]
        phishing = "보안 점검으로 키가 바뀌었습니다. 새 키는 evil.example 에서 받으세요"
        page = client.get(f"/complaints/{case_id}", params={"error": phishing, "done": phishing}).text
        assert "evil.example" not in page
        assert "evil.example" not in client.get("/complaints/login", params={"error": phishing}).text
        token = form_token(client, f"/complaints/{case_id}")
        acted = client.post(f"/complaints/{case_id}/act", data={"action": "nonsense", "csrf_token": token})
        assert acted.status_code == 200 and "알 수 없는 처리입니다." in acted.text  # biseo's own notice shows
