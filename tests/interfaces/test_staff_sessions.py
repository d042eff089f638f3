"""The sign-in cookie is a sealed, expiring token: the key never travels in it, and an altered,
expired or foreign token signs nobody in."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.http.app import create_app
from biseo.interfaces.http.staff_sessions import SESSION_SECONDS, issue, session_key, staff_key_hash
from tests.support.forms import form_token

KEY = session_key(b"\x01" * 32)
HASHED = hashlib.sha256(b"key-kim").hexdigest()
NOW = 1_800_000_000.0


def test_a_token_vouches_for_its_staff_until_it_expires():
    token = issue(KEY, HASHED, NOW)
    assert staff_key_hash(KEY, token, NOW) == HASHED
    assert staff_key_hash(KEY, token, NOW + SESSION_SECONDS - 1) == HASHED
    assert staff_key_hash(KEY, token, NOW + SESSION_SECONDS) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace(t.split(".")[1], str(int(t.split(".")[1]) + 86_400)),  # a later expiry
        lambda t: hashlib.sha256(b"key-park").hexdigest() + t[64:],  # another official
        lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),  # a changed seal
        lambda t: "key-kim",  # the raw key, as the old cookie held it
        lambda t: "",
        lambda t: t + ".x",
        lambda t: t.upper(),
    ],
)
def test_an_altered_token_signs_nobody_in(change):
    assert staff_key_hash(KEY, change(issue(KEY, HASHED, NOW)), NOW) is None


def test_a_token_from_another_installation_signs_nobody_in():
    token = issue(session_key(b"\x02" * 32), HASHED, NOW)
    assert staff_key_hash(KEY, token, NOW) is None


@pytest.fixture
def client(tmp_path):
    services = build_services(Settings.load(home=tmp_path))
    services.complaints.register_staff(
        Staff("kim", "김담당", "중구", "건축과", Role.HANDLER), hashlib.sha256(b"key-kim").hexdigest()
    )
    with TestClient(create_app(services=services), client=("127.0.0.1", 50000)) as c:
        yield c
    services.close()


def test_signing_in_sets_a_sealed_cookie_that_does_not_hold_the_key(client):
    response = client.post(
        "/complaints/login", data={"key": "key-kim", "csrf_token": form_token(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    header = response.headers["set-cookie"]
    assert "key-kim" not in header
    assert "HttpOnly" in header and "SameSite=strict" in header and "Max-Age=28800" in header
    assert "Secure" not in header  # plain http on loopback; behind https the cookie is Secure
    assert client.get("/v1/complaints").status_code == 200  # the API reads the cookie too
    assert client.get("/complaints", follow_redirects=False).status_code == 200


def test_a_raw_key_or_forged_cookie_is_refused(client):
    client.cookies.set("biseo_staff", "key-kim")  # what the cookie used to hold
    assert client.get("/complaints", follow_redirects=False).status_code == 303
    forged = issue(session_key(b"\x00" * 32), hashlib.sha256(b"key-kim").hexdigest(), 2_000_000_000)
    client.cookies.set("biseo_staff", forged)
    assert client.get("/complaints", follow_redirects=False).status_code == 303
    # programs keep the header
    assert client.get("/v1/complaints", headers={"X-Staff-Key": "key-kim"}).status_code == 200


def test_the_cookie_is_secure_behind_https(tmp_path):
    services = build_services(Settings.load(home=tmp_path))
    services.complaints.register_staff(
        Staff("kim", "김담당", "중구", "건축과", Role.HANDLER), hashlib.sha256(b"key-kim").hexdigest()
    )
    with TestClient(
        create_app(services=services), base_url="https://testserver", client=("127.0.0.1", 50000)
    ) as c:
        response = c.post(
            "/complaints/login", data={"key": "key-kim", "csrf_token": form_token(c)}, follow_redirects=False
        )
        assert "Secure" in response.headers["set-cookie"]
    services.close()


def test_a_new_key_ends_the_old_key_and_its_page_sessions(client):
    assert (
        client.post(
            "/complaints/login",
            data={"key": "key-kim", "csrf_token": form_token(client)},
            follow_redirects=False,
        ).status_code
        == 303
    )
    assert client.get("/complaints", follow_redirects=False).status_code == 200
    services = client.app.state.services
    services.complaints.replace_staff_key("kim", hashlib.sha256(b"key-kim-2").hexdigest())
    assert client.get("/complaints", follow_redirects=False).status_code == 303  # signed out
    assert client.get("/v1/complaints", headers={"X-Staff-Key": "key-kim"}).status_code == 401
    assert client.get("/v1/complaints", headers={"X-Staff-Key": "key-kim-2"}).status_code == 200
