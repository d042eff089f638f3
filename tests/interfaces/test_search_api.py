from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.http.app import create_app
from tests.support import search_corpus

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(tmp_path_factory, shared_token_cache):
    services = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    services.complaints.register_staff(
        Staff("s1", "김주무관", "중구", "민원과", Role.HANDLER), hashlib.sha256(b"key-s1").hexdigest()
    )
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000)) as c:
        yield c
    services.close()


def test_search_json(client):
    body = client.get("/v1/search", params={"q": "민원처리법 제19조", "limit": 3}).json()
    first = body["hits"][0]
    assert first["exact"] and first["score"] is None and first["label"].endswith("제19조(처리기간의 계산)")
    segment = client.get(first["url"]).json()
    assert segment["text"].startswith("제19조")
    assert len(body["hits"]) == 3 and all(h["score"] is not None for h in body["hits"][1:])


def test_search_filters_and_law_names(client):
    body = client.get("/v1/search", params={"q": "처리기간", "law": "민원처리법", "kind": "statute"}).json()
    assert body["hits"] and {h["title"] for h in body["hits"]} == {"민원 처리에 관한 법률"}
    dated = client.get("/v1/search", params={"q": "재량행위", "to": "2005-01-01"}).json()
    assert dated["hits"] and all(h["date"] <= "2005-01-01" for h in dated["hits"])


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"q": ""}, "invalid_input"),
        ({"q": "   "}, "invalid_input"),
        ({}, "invalid_input"),
        ({"q": "민원", "limit": 0}, "invalid_input"),
        ({"q": "민원", "kind": "novel"}, "invalid_input"),
        ({"q": "민원", "from": "2024-13-45"}, "invalid_input"),
        ({"q": "a" * 10_001}, "invalid_input"),  # over the 10,000-character cap
    ],
)
def test_bad_search_requests_get_korean_errors(client, params, code):
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code and any("가" <= ch <= "힣" for ch in error["message"])


def test_odd_but_valid_queries(client):
    emoji = client.get("/v1/search", params={"q": "🙂🙂"}).json()
    assert emoji["hits"] == [] and "검색할 수 있는 낱말" in emoji["notice"]
    long = client.get("/v1/search", params={"q": "민원 처리기간 " * 700}).json()
    assert long["truncated"] and long["hits"]
    hostile = client.get("/v1/search", params={"q": "<script>alert(1)</script> 민원"}).json()
    assert all("<script>" not in h["snippet"] for h in hostile["hits"])


def test_upload_is_searchable_at_once(client):
    files = {"file": ("공지.txt", "백두산호랑이 보호 구역 안내".encode(), "text/plain")}
    assert client.post("/v1/documents", files=files).status_code == 201
    hits = client.get("/v1/search", params={"q": "백두산호랑이"}).json()["hits"]
    assert hits and hits[0]["title"] == "공지" and "«백두산호랑이»" in hits[0]["snippet"]


def test_search_page_escapes_and_highlights(client):
    assert (
        client.get("/search", params={"q": "처리기간"}, follow_redirects=False).status_code == 303
    )  # staff only
    staff = {"X-Staff-Key": "key-s1"}
    page = client.get("/search", params={"q": "<b>처리기간</b> 계산"}, headers=staff).text
    assert "<b>처리기간</b>" not in page and "&lt;b&gt;처리기간&lt;/b&gt;" in page
    assert "<mark>" in page and 'lang="ko"' in page
