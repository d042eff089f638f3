from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.interfaces.http.app import create_app
from tests.conftest import SHARED_DATA
from tests.support.documents import zip_bytes

pytestmark = pytest.mark.integration

LAW = SHARED_DATA / "laws" / "민원처리에관한법률" / "법률.md"
LOCAL = ("127.0.0.1", 50000)
REMOTE = ("203.0.113.7", 50000)


@pytest.fixture
def services(isolated_home):
    s = build_services(Settings.load(api_keys="key-1,key-2", max_file_mb=1))
    s.ingest.ingest([str(LAW)])
    yield s
    s.close()


@pytest.fixture
def client(services):
    with TestClient(create_app(services=services), client=LOCAL, headers={"X-API-Key": "key-1"}) as c:
        yield c


def _law_id(client):
    return client.get("/v1/documents").json()["documents"][0]["id"]


def test_health_and_openapi(client):
    assert client.get("/v1/health").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert "/v1/documents/{document_id}/segments/{number}" in spec["paths"]


def test_list_get_and_segments(client):
    listing = client.get("/v1/documents", params={"kind": "statute"}).json()
    assert listing["total"] == 1
    doc_id = listing["documents"][0]["id"]
    doc = client.get(f"/v1/documents/{doc_id}").json()
    assert doc["title"] == "민원 처리에 관한 법률" and doc["effective"] == "2022-07-12" and "text" not in doc
    assert (
        client.get(f"/v1/documents/{doc_id}", params={"text": "true"})
        .json()["text"]
        .startswith("민원 처리에")
    )
    segments = client.get(f"/v1/documents/{doc_id}/segments").json()
    n = next(s["number"] for s in segments if "제19조(" in s["label"])
    one = client.get(f"/v1/documents/{doc_id}/segments/{n}").json()
    assert one["text"].startswith("제19조") and one["anchors"][0]["label"].endswith("제19조제1항")


def test_errors_are_json_with_korean_messages(client):
    missing = client.get("/v1/documents/" + "0" * 32)
    assert missing.status_code == 404
    assert (
        missing.json()["error"]["code"] == "not_found"
        and "찾을 수 없습니다" in missing.json()["error"]["message"]
    )
    bad_params = client.get("/v1/documents", params={"limit": "-5", "kind": "novel"})
    assert bad_params.status_code == 422 and bad_params.json()["error"]["code"] == "invalid_input"
    bad_segment = client.get(f"/v1/documents/{_law_id(client)}/segments/abc")
    assert bad_segment.status_code == 422
    assert client.get("/v1/nowhere").json()["error"]["message"] == "요청한 주소를 찾을 수 없습니다."


def test_upload_ingests_and_is_idempotent(client):
    files = {
        "file": ("답변.txt", "민원 처리 결과를 알려드립니다.\n\n담당 부서: 건축과".encode(), "text/plain")
    }
    first = client.post("/v1/documents", files=files)
    assert first.status_code == 201 and first.json()["status"] == "added"
    again = client.post("/v1/documents", files=files)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert again.json()["document_id"] == first.json()["document_id"]


def test_an_upload_while_another_process_indexes_is_stored_and_indexed_later(client, services):
    """A nightly ``biseo ingest`` holds the index's writer: the upload is kept, says it is not yet
    searchable, and the next sync makes it so."""
    from biseo.adapters.search.tantivy_index import TantivyIndex

    services.indexing.index.lock_wait_seconds = 0.3
    nightly = TantivyIndex(services.indexing.index.path)
    nightly.remove("none")  # takes the writer, as a long ingest does
    files = {"file": ("공지.txt", "주차장 야간 개방 시간을 알려드립니다.".encode(), "text/plain")}
    stored = client.post("/v1/documents", files=files)
    assert stored.status_code == 201 and stored.json()["searchable"] is False
    assert client.get(f"/v1/documents/{stored.json()['document_id']}").status_code == 200
    assert client.get("/v1/search", params={"q": "야간 개방"}).json()["hits"] == []
    nightly.commit(services.indexing.analyzer.version)  # the ingest ends
    other = {"file": ("안내.txt", "민원실 운영 시간 안내입니다.".encode(), "text/plain")}
    assert client.post("/v1/documents", files=other).json()["searchable"] is True
    found = client.get("/v1/search", params={"q": "야간 개방"}).json()["hits"]
    assert found and found[0]["document_id"] == stored.json()["document_id"]


def test_an_upload_indexes_itself_not_what_an_ingest_is_still_storing(client, services):
    """An ingest stores thousands of statutes, then indexes them. An upload meanwhile indexed them
    all inside its own request (7.6 minutes on the 1,789 statutes); now it indexes only itself."""
    pending = services.ingest.ingest_bytes("제1조(목적) 이 규칙은 주차장 운영을 정한다.".encode(), "규칙.txt")
    files = {"file": ("공지.txt", "민원실 주말 운영 안내".encode(), "text/plain")}
    uploaded = client.post("/v1/documents", files=files).json()
    indexed = services.indexing.index.indexed_documents()
    assert uploaded["searchable"] is True and uploaded["document_id"] in indexed
    assert pending.document_id not in indexed  # left to the ingest's own sync
    services.indexing.sync()  # the ingest's own sync (it also indexes the fixture's statute)
    assert pending.document_id in services.indexing.index.indexed_documents()


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        (b"", 422, "empty_file"),
        (zip_bytes({"word/document.xml": b"0" * (30 * 1024 * 1024)}), 422, "archive_bomb"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 415, "unsupported_format"),
        ("가".encode() * 400_000, 413, "too_large"),
    ],
)
def test_bad_uploads_get_clear_errors_and_store_nothing(client, services, payload, status, code):
    before = services.documents.count()
    response = client.post("/v1/documents", files={"file": ("x.hwpx", payload)})
    assert response.status_code == status
    body = response.json()["error"]
    assert body["code"] == code and any("가" <= ch <= "힣" for ch in body["message"])
    assert services.documents.count() == before


def test_malformed_upload_request(client):
    response = client.post("/v1/documents", json={"not": "a file"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"


def test_with_keys_configured_even_loopback_needs_one(services):
    """Nothing is trusted by address: a reverse proxy on the same host makes every visitor local."""
    with TestClient(create_app(services=services), client=LOCAL) as local:
        assert local.get("/v1/documents").status_code == 401
        assert local.get("/v1/documents", headers={"X-API-Key": "key-1"}).status_code == 200


def test_remote_clients_need_an_api_key(services):
    with TestClient(create_app(services=services), client=REMOTE) as remote:
        assert remote.get("/v1/health").status_code == 200
        denied = remote.get("/v1/documents")
        assert denied.status_code == 401 and "API 키" in denied.json()["error"]["message"]
        assert remote.get("/v1/documents", headers={"X-API-Key": "wrong"}).status_code == 401
        assert remote.get("/v1/documents", headers={"X-API-Key": "key-2"}).status_code == 200
        assert remote.get("/v1/documents", headers={"Authorization": "Bearer key-1"}).status_code == 200
