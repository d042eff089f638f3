"""Hostile values in every form an official or citizen posts from the web pages — NUL bytes,
overlong text, HTML, numbers past any column, unknown 처리 steps, URLs in ``next`` — answer with a
page or a redirect (never a 5xx, never a redirect off the site), and the case stays readable."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biseo.domain.complaints.cases import Action
from biseo.interfaces.http.app import create_app
from biseo.interfaces.http.web.benefits import ANSWER_KEYS
from tests.support.forms import form_token
from tests.support.hostile import HOSTILE as ALL_HOSTILE
from tests.support.staffed import services_with_coordinator

pytestmark = pytest.mark.integration

EXPLORE = bool(os.environ.get("BISEO_FUZZ_EXPLORE"))
HOSTILE = [h for h in ALL_HOSTILE if h != "\ud800"]  # a form field is UTF-8: no lone surrogate
VALUES = st.sampled_from(HOSTILE) | st.text(max_size=30)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def signed_in(request, tmp_path):
    url = request.getfixturevalue("postgres_dsn") if request.param == "postgres" else ""
    # hostile sign-ins must not lock the fuzzer out (the lock-out has tests of its own)
    services = services_with_coordinator(tmp_path, url, sign_in_attempts=10_000)
    with TestClient(
        create_app(services=services), client=("127.0.0.1", 50000), raise_server_exceptions=False
    ) as c:
        created = c.post(
            "/v1/complaints",
            json={"title": "가로등 고장", "content": "골목 가로등이 꺼져 있습니다."},
            headers={"X-Staff-Key": "key-coord"},
        )
        assert created.status_code == 201, created.text
        c.case_id = created.json()["case"]["id"]  # type: ignore[attr-defined]
        yield c, services
    services.close()


def _sign_in(client: TestClient) -> None:
    token = form_token(client)
    response = client.post(
        "/complaints/login", data={"key": "key-coord", "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303 and "biseo_staff" in client.cookies


def test_every_web_form_answers_hostile_values_without_a_server_error(signed_in):
    client, services = signed_in
    _sign_in(client)
    token = form_token(client)
    forms = {
        "/benefits": [*ANSWER_KEYS, "skip", "skip_field", "receives_item"],
        "/benefits/subscribe": ["email", "consent", "answers"],
        "/benefits/unsubscribe": ["token"],
        "/drafts/reply": ["content", "title", "case_id", "department"],
        "/drafts/outgoing": ["text", "audit_id"],
        "/drafts/export": ["text", "audit_id", "format"],
        "/drafts/save": ["text", "case_id", "audit_id"],
        "/drafts/lint": ["text"],
        f"/complaints/{client.case_id}/act": [
            "action", "department", "handler", "request", "answer", "amount", "reason", "consent",
            "earlier_id", "relation", "agency", "opinion",
        ],
        "/complaints/login": ["key", "next"],
    }  # fmt: skip
    steps = st.sampled_from([a.value for a in Action])
    answered: dict[int, int] = {}

    @settings(
        max_examples=30 * len(forms),
        derandomize=not EXPLORE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        url = data.draw(st.sampled_from(sorted(forms)))
        fields = data.draw(
            st.fixed_dictionaries(
                {}, optional={k: (steps | VALUES) if k == "action" else VALUES for k in forms[url]}
            )
        )
        response = client.post(url, data={**fields, "csrf_token": token}, follow_redirects=False)
        what = f"POST {url} { {k: v[:40] for k, v in fields.items()} }"
        assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
        answered[response.status_code] = answered.get(response.status_code, 0) + 1
        location = response.headers.get("location", "")
        assert not location.startswith("//") and "://" not in location, (
            f"{what}: off-site redirect {location}"
        )
        if url == "/complaints/login":
            _sign_in(client)  # a wrong key signs the official out; the next form needs them back

    run()
    assert answered.get(200, 0) and answered.get(303, 0)  # the forms were really reached, not only refused
    assert services.complaints.store.get(client.case_id) is not None
    assert client.get(f"/complaints/{client.case_id}").status_code == 200
