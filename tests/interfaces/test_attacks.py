"""Attacks on a real ``biseo serve`` process with API keys set, as an office deploys it, on SQLite and
PostgreSQL: every request below goes over loopback TCP, and each refusal is asserted."""

from __future__ import annotations

import re
import socket
import uuid
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import httpx
import pytest

from tests.support.server_process import RunningServer, biseo, served

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEY = "office-bootstrap-key-0123456789"
SCRIPT = "<script>alert('x')</script>"
PHONE = "010-2345-6789"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    settings = {"BISEO_API_KEYS": KEY, "BISEO_MAX_FILE_MB": "2"}
    database = None
    if request.param == "postgres":
        import psycopg

        admin_dsn = request.getfixturevalue("postgres_server")
        database = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        settings["BISEO_DATABASE_URL"] = admin_dsn.rsplit("/", 1)[0] + f"/{database}"
    home = tmp_path_factory.mktemp("attacked") / "home"
    with served(home, **settings) as running:
        added = biseo(
            running.env, "complaints", "staff", "add", "--id", "c1", "--name", "김총괄", "--agency", "중구",
            "--department", "민원여권과", "--role", "민원총괄",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        running.staff_key = re.search(r"API 키 \(다시 보여 주지 않습니다\): (\S+)", added.stdout).group(1)  # type: ignore[attr-defined, union-attr]
        yield running
    if database:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _from(address: str, server: RunningServer) -> httpx.Client:
    """A client whose packets leave from ``address`` (all of 127.0.0.0/8 is this machine)."""
    return httpx.Client(
        base_url=server.base, transport=httpx.HTTPTransport(local_address=address), timeout=30
    )


def test_loopback_without_a_key_reaches_nothing_private(server: RunningServer) -> None:
    with _from("127.0.0.1", server) as local:
        assert local.get("/v1/documents").status_code == 401
        upload = local.post("/v1/documents", files={"file": ("a.txt", "본문".encode())})
        assert upload.status_code == 401
        assert local.get("/v1/complaints").status_code == 401
        assert local.get("/search", follow_redirects=False).status_code == 303  # to the sign-in page
        assert local.get("/v1/documents", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 401
        assert local.get("/v1/documents", headers={"X-API-Key": KEY}).status_code == 200


def test_another_address_gets_the_citizen_pages_and_nothing_else(server: RunningServer) -> None:
    with _from("127.0.0.2", server) as remote:
        assert remote.get("/benefits").status_code == 200
        assert remote.get("/v1/health").status_code == 200
        assert remote.get("/docs").status_code == 200 and remote.get("/openapi.json").status_code == 200
        assert remote.get("/v1/documents").status_code == 401
        assert remote.get("/v1/documents", headers={"X-API-Key": "wrong"}).status_code == 401
        assert remote.get("/v1/documents", headers={"X-API-Key": KEY}).status_code == 200


def test_every_page_carries_the_security_headers(server: RunningServer) -> None:
    with _from("127.0.0.1", server) as client:
        for path in (
            "/benefits",
            "/complaints/login",
            "/docs",
            "/v1/health",
            "/v1/documents",
            "/static/biseo.css",
        ):
            headers = client.get(path).headers
            csp = headers["content-security-policy"]
            assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp, path
            assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff", (
                path
            )
            assert headers["referrer-policy"] == "same-origin", path
            assert "uvicorn" not in headers.get("server", ""), path


def _signed_in(server: RunningServer) -> tuple[httpx.Client, str]:
    client = _from("127.0.0.1", server)
    page = client.get("/complaints/login").text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    signed = client.post("/complaints/login", data={"key": server.staff_key, "csrf_token": token})  # type: ignore[attr-defined]
    assert signed.status_code == 303 and "biseo_staff" in client.cookies
    return client, token


def test_staff_forms_refuse_foreign_origins_and_missing_tokens(server: RunningServer) -> None:
    client, token = _signed_in(server)
    created = client.post(
        "/v1/complaints",
        json={"title": "가로등 고장", "content": "골목 가로등이 꺼져 있습니다."},
        headers={"X-Staff-Key": server.staff_key},  # type: ignore[attr-defined]
    )
    case_id = created.json()["case"]["id"]
    act = f"/complaints/{case_id}/act"
    forged = {"action": "assign", "department": "교통과", "csrf_token": token}
    assert client.post(act, data=forged, headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.post(act, data={**forged, "csrf_token": ""}).status_code == 403
    assert client.post(act, data={**forged, "csrf_token": "0" * 64}).status_code == 403
    # the session cookie alone does not carry an upload either
    upload = client.post(f"/v1/complaints/{case_id}/attachments", files={"file": ("a.txt", b"x")})
    assert upload.status_code == 403
    history = client.get(f"/v1/complaints/{case_id}", headers={"X-Staff-Key": server.staff_key}).json()  # type: ignore[attr-defined]
    assert [e["action"] for e in history["events"]] == ["receive"]  # none of the forged steps happened
    assert client.post(act, data=forged, follow_redirects=False).status_code == 303  # the real form works
    client.close()


def test_script_payloads_are_shown_as_text(server: RunningServer) -> None:
    staff = {"X-Staff-Key": server.staff_key}  # type: ignore[attr-defined]
    with _from("127.0.0.1", server) as client:
        created = client.post(
            "/v1/complaints", json={"title": SCRIPT, "content": SCRIPT + PHONE}, headers=staff
        )
        page = client.get(f"/complaints/{created.json()['case']['id']}", headers=staff).text
        assert SCRIPT not in page and "&lt;script&gt;" in page


def test_repeated_wrong_sign_ins_lock_the_address_and_are_recorded(server: RunningServer) -> None:
    with _from("127.0.0.3", server) as attacker:
        page = attacker.get("/complaints/login").text
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
        codes = [
            attacker.post("/complaints/login", data={"key": f"guess-{i}", "csrf_token": token}).status_code
            for i in range(8)
        ]
        assert codes[:5] == [401] * 5 and codes[5:] == [429] * 3
        locked = attacker.post("/complaints/login", data={"key": server.staff_key, "csrf_token": token})  # type: ignore[attr-defined]
        assert (
            locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
        )  # even the right key waits
        assert "잠시 잠겼습니다" in locked.text
        assert attacker.get("/v1/complaints", headers={"X-Staff-Key": "guess"}).status_code == 429
    with _from("127.0.0.4", server) as colleague:  # another address is not locked out
        assert colleague.get("/v1/complaints", headers={"X-Staff-Key": server.staff_key}).status_code == 200  # type: ignore[attr-defined]


def test_a_huge_upload_and_an_xml_bomb_are_refused(server: RunningServer) -> None:
    with _from("127.0.0.1", server) as client:
        key = {"X-API-Key": KEY}
        huge = client.post(
            "/v1/documents", files={"file": ("big.txt", b"a" * (3 * 1024 * 1024))}, headers=key
        )
        assert huge.status_code == 413
        bomb = client.post("/v1/documents", files={"file": ("bomb.docx", _billion_laughs())}, headers=key)
        assert bomb.status_code == 422 and bomb.json()["error"]["message"]
        hwpx = client.post("/v1/documents", files={"file": ("lol.hwpx", _hwpx_with_entities())}, headers=key)
        assert hwpx.status_code == 422 and hwpx.json()["error"]["message"]


def test_bodies_over_the_cap_are_refused_before_anything_reads_them(server: RunningServer) -> None:
    with socket.create_connection(
        ("127.0.0.1", server.port), timeout=10
    ) as raw:  # declares 900 MB, sends 2 bytes
        raw.sendall(
            b"POST /v1/benefits/eligibility HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 900000000\r\n\r\n{}"
        )
        assert raw.recv(200).startswith(b"HTTP/1.1 413")

    def chunks() -> Iterator[bytes]:  # 20 MB of JSON, sent without a Content-Length
        yield b'{"profile": {"x": "'
        for _ in range(20):
            yield b"A" * (1024 * 1024)
        yield b'"}}'

    with _from("127.0.0.2", server) as anonymous:
        streamed = anonymous.post(
            "/v1/benefits/eligibility", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert streamed.status_code == 413 and "MB 이하" in streamed.json()["error"]["message"]
    with _from("127.0.0.2", server) as anonymous:  # an upload without a key: refused before it is spooled
        upload = anonymous.post("/v1/documents", files={"file": ("big.txt", b"a" * (4 * 1024 * 1024))})
        assert upload.status_code == 413


def test_numbers_json_cannot_hold_are_refused_not_crashed_on(server: RunningServer) -> None:
    with _from("127.0.0.2", server) as citizen:
        for number in ("NaN", "Infinity", "-Infinity", "1e999"):
            body = '{"profile": {"age": %s, "income_percent": %s}}' % (number, number)  # noqa: UP031
            answer = citizen.post(
                "/v1/benefits/eligibility", content=body, headers={"Content-Type": "application/json"}
            )
            assert answer.status_code == 422 and "숫자" in answer.json()["error"]["message"], number


def test_the_server_log_holds_no_personal_data_and_no_traceback(server: RunningServer) -> None:
    log = server.log_text()
    assert PHONE not in log and server.staff_key not in log and KEY not in log  # type: ignore[attr-defined]
    assert "Traceback" not in log
    assert "sign-in failed from 127.0.0.3" in log


def test_without_any_key_the_server_will_not_face_a_network(tmp_path: Path) -> None:
    env = {"BISEO_HOME": str(tmp_path / "home"), "BISEO_HOST": "0.0.0.0", "BISEO_PORT": str(_free_port())}
    refused = biseo({**_clean_env(), **env}, "serve", timeout=60)
    assert (
        refused.returncode == 2 and "biseo keys add" in refused.stderr and "BISEO_API_KEYS" in refused.stderr
    )
    wrong = biseo(
        {**_clean_env(), **env, "BISEO_HOST": "127.0.0.1", "BISEO_PORT": "99999"}, "serve", timeout=60
    )
    assert wrong.returncode == 2 and "BISEO_PORT" in wrong.stderr


def _billion_laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{entities}]><w:document>&l9;</w:document>'
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _hwpx_with_entities() -> bytes:
    """An HWPX whose section declares nested entities (a billion-laughs bomb in 한글's format)."""
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    section = (
        f'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l0 "lol">{entities}]>'
        '<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
        'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"><hp:p><hp:run><hp:t>&l8;</hp:t></hp:run></hp:p></hs:sec>'
    )
    manifest = (
        '<?xml version="1.0"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:manifest>'
        '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/></opf:manifest>'
        '<opf:spine><opf:itemref idref="section0"/></opf:spine></opf:package>'
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/hwp+zip")
        archive.writestr("Contents/content.hpf", manifest)
        archive.writestr("Contents/section0.xml", section)
    return buffer.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("BISEO_")}


def _proxied_form(proxy: httpx.Client, headers: dict[str, str]) -> dict[str, str]:
    """The login form as a browser behind the TLS proxy gets it: the Secure cookie travels by hand
    here, since this test talks plain http to the proxy's side of biseo."""
    page = proxy.get("/complaints/login", headers=headers)
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
    cookie = page.headers["set-cookie"].split(";")[0]
    assert "Secure" in page.headers["set-cookie"]
    return {**headers, "Cookie": cookie, "csrf": token}


def test_behind_a_trusted_proxy_limits_and_cookies_see_the_real_client(tmp_path: Path) -> None:
    settings = {"BISEO_API_KEYS": KEY, "BISEO_TRUSTED_PROXIES": "127.0.0.1", "BISEO_SIGN_IN_ATTEMPTS": "2"}
    with served(tmp_path / "home", **settings) as server, _from("127.0.0.1", server) as proxy:
        added = biseo(
            server.env, "complaints", "staff", "add", "--id", "c1", "--name", "총괄", "--agency", "중구",
            "--role", "민원총괄",
        )  # fmt: skip
        key = re.search(r"API 키 \(다시 보여 주지 않습니다\): (\S+)", added.stdout).group(1)  # type: ignore[union-attr]
        visitor = _proxied_form(proxy, {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"})
        token = visitor.pop("csrf")
        for guess in ("a", "b", "c"):
            proxy.post("/complaints/login", data={"key": guess, "csrf_token": token}, headers=visitor)
        locked = proxy.post("/complaints/login", data={"key": key, "csrf_token": token}, headers=visitor)
        assert locked.status_code == 429  # the visitor is locked out …
        other = _proxied_form(proxy, {"X-Forwarded-For": "198.51.100.8", "X-Forwarded-Proto": "https"})
        token = other.pop("csrf")
        signed = proxy.post("/complaints/login", data={"key": key, "csrf_token": token}, headers=other)
        assert signed.status_code == 303  # … not everyone behind the proxy
        assert "Secure" in signed.headers["set-cookie"]
        assert "max-age=31536000" in signed.headers["strict-transport-security"]
        assert "sign-in failed from 198.51.100.7" in server.log_text()
