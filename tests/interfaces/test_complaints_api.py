"""`/v1/complaints` end to end, and the authorization matrix: every forbidden read and write fails
through the API (invisible cases answer 404, visible but not permitted 403) and changes nothing."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.http.app import create_app

pytestmark = pytest.mark.integration

LOCAL = ("127.0.0.1", 50000)
STAFF = {
    "coord_a": Staff("coord_a", "총괄", "중구", None, Role.COORDINATOR),
    "handler_a1": Staff("handler_a1", "담당1", "중구", "건축과", Role.HANDLER, (), "a1@example.go.kr"),
    "handler_a2": Staff("handler_a2", "담당2", "중구", "건축과", Role.HANDLER),
    "lead_a": Staff("lead_a", "팀장", "중구", "건축과", Role.TEAM_LEAD),
    "head_a": Staff("head_a", "과장", "중구", "건축과", Role.HEAD),
    "director_a": Staff("director_a", "국장", "중구", None, Role.DIRECTOR, ("건축과",)),
    "handler_t": Staff("handler_t", "교통담당", "중구", "교통과", Role.HANDLER),
    "head_t": Staff("head_t", "교통과장", "중구", "교통과", Role.HEAD),
    "coord_b": Staff("coord_b", "동구총괄", "동구", None, Role.COORDINATOR),
    "handler_b": Staff("handler_b", "동구담당", "동구", "건축과", Role.HANDLER),
}
SEES = {"coord_a", "handler_a1", "handler_a2", "lead_a", "head_a", "director_a"}


@pytest.fixture
def services(isolated_home):
    s = build_services(Settings.load())
    for staff in STAFF.values():
        s.complaints.register_staff(staff, hashlib.sha256(f"key-{staff.id}".encode()).hexdigest())
    yield s
    s.close()


@pytest.fixture
def client(services):
    with TestClient(create_app(services=services), client=LOCAL) as c:
        yield c


def _h(staff_id: str) -> dict[str, str]:
    return {"X-Staff-Key": f"key-{staff_id}"}


def _new_case(client, content="신포동 공영주차장 조명이 고장나 밤에 어둡습니다. 수리 바랍니다.") -> str:
    body = {
        "title": "주차장 조명 고장",
        "content": content,
        "kind": "고충",
        "contact": {"name": "홍길동", "phone": "010-1234-5678"},
    }
    response = client.post("/v1/complaints", json=body, headers=_h("coord_a"))
    assert response.status_code == 201, response.text
    return response.json()["case"]["id"]


@pytest.fixture
def case_id(client):
    cid = _new_case(client)
    r = client.post(
        f"/v1/complaints/{cid}/assign",
        json={"department": "건축과", "handler": "handler_a1"},
        headers=_h("coord_a"),
    )
    assert r.status_code == 200 and r.json()["state"] == "배정"
    return cid


def test_a_case_goes_from_intake_to_signed_answer(client, case_id):
    def step(who, **body):
        r = client.post(f"/v1/complaints/{case_id}/transition", json=body, headers=_h(who))
        assert r.status_code == 200, r.text
        return r.json()

    assert step("handler_a1", action="start")["state"] == "처리중"
    assert step("handler_a1", action="request_supplement", request="현장 사진")["state"] == "보완요청"
    assert step("handler_a1", action="supplement_received")["state"] == "처리중"
    assert step("handler_a1", action="draft", answer="1. 조명을 수리하였습니다.  끝.")["state"] == "답변작성"
    assert step("handler_a1", action="submit")["state"] == "결재"
    assert step("lead_a", action="approve")["state"] == "결재"
    done = step("head_a", action="approve")
    assert done["state"] == "완료" and done["closed_at"] and done["approvals"] == ["담당", "팀장", "과장"]
    detail = client.get(f"/v1/complaints/{case_id}", headers=_h("head_a")).json()
    assert [e["action"] for e in detail["events"]] == [
        "receive",
        "assign",
        "start",
        "request_supplement",
        "supplement_received",
        "draft",
        "submit",
        "approve",
        "approve",
    ]
    assert {e["actor"] for e in detail["events"][2:7]} == {"handler_a1"}
    assert detail["allowed_actions"] == []


def test_contact_is_unmasked_only_for_the_assigned_handler(client, case_id):
    mine = client.get(f"/v1/complaints/{case_id}", headers=_h("handler_a1")).json()
    assert mine["contact"]["phone"] == "010-1234-5678" and not mine["contact_masked"]
    for other in SEES - {"handler_a1"}:
        seen = client.get(f"/v1/complaints/{case_id}", headers=_h(other)).json()
        assert seen["contact"] == {"name": "홍*동", "phone": "010-****-5678", "email": None, "address": None}
        assert seen["contact_masked"]


READS = [
    ("get", "/v1/complaints/{id}", None),
    ("get", "/v1/complaints/{id}/duplicates", None),
    ("get", "/v1/complaints/{id}/route-suggestion", None),
]
WRITES = [
    ("post", "/v1/complaints/{id}/assign", {"department": "교통과"}),
    ("post", "/v1/complaints/{id}/assign", {"department": "건축과", "handler": "handler_a2"}),
    ("post", "/v1/complaints/{id}/transition", {"action": "start"}),
    ("post", "/v1/complaints/{id}/transition", {"action": "transfer", "to_agency": "동구", "reason": "소관"}),
    ("post", "/v1/complaints/{id}/extend", {"amount": 3, "reason": "관계 기관·부서 협조 필요"}),
    ("post", "/v1/complaints/{id}/links", {"earlier_id": "{other}", "relation": "duplicate"}),
]
# who may make each write on a case assigned to 건축과 / handler_a1 (state 배정)
ALLOWED_WRITES = {
    0: {"coord_a"},  # another department: only 민원총괄
    1: {"coord_a", "lead_a", "head_a", "director_a"},
    2: {"handler_a1"},
    3: {"coord_a", "head_a"},
    4: {"handler_a1", "lead_a", "head_a", "director_a"},
    5: {"coord_a", "handler_a1"},
}


@pytest.mark.parametrize("who", sorted(STAFF))
def test_authorization_matrix(client, services, who):
    cid = _new_case(client)
    other = _new_case(client, "전혀 다른 내용: 경로당 난방비 지원 문의")
    client.post(
        f"/v1/complaints/{cid}/assign",
        json={"department": "건축과", "handler": "handler_a1"},
        headers=_h("coord_a"),
    )
    client.post(f"/v1/complaints/{other}/assign", json={"department": "건축과"}, headers=_h("coord_a"))
    for method, path, _ in READS:
        status = getattr(client, method)(path.format(id=cid), headers=_h(who)).status_code
        assert status == (200 if who in SEES else 404), (who, path)
    listed = {c["id"] for c in client.get("/v1/complaints", headers=_h(who)).json()["cases"]}
    assert (cid in listed) == (who in SEES)
    for number, (method, path, body) in enumerate(WRITES):
        before = services.complaints.store.get(cid)
        events = len(services.complaints.store.events(cid))
        payload = {k: (v.format(other=other) if isinstance(v, str) else v) for k, v in body.items()}
        response = getattr(client, method)(path.format(id=cid), json=payload, headers=_h(who))
        if who in ALLOWED_WRITES[number]:
            assert response.status_code == 200, (who, number, response.text)
            # undo by starting from a fresh case for the next write
            cid = _new_case(client)
            client.post(
                f"/v1/complaints/{cid}/assign",
                json={"department": "건축과", "handler": "handler_a1"},
                headers=_h("coord_a"),
            )
            continue
        expected = 403 if who in SEES else 404
        assert response.status_code == expected, (who, number, response.text)
        assert response.json()["error"]["message"]  # a Korean message
        assert services.complaints.store.get(cid) == before
        assert len(services.complaints.store.events(cid)) == events


def test_a_transfer_moves_the_case_to_the_other_agency(client, case_id):
    r = client.post(
        f"/v1/complaints/{case_id}/transition",
        json={"action": "transfer", "to_agency": "동구", "reason": "동구 소관 도로"},
        headers=_h("coord_a"),
    )
    assert r.status_code == 200 and r.json()["agency"] == "동구" and r.json()["state"] == "접수"
    assert client.get(f"/v1/complaints/{case_id}", headers=_h("coord_a")).status_code == 404
    assert client.get(f"/v1/complaints/{case_id}", headers=_h("handler_a1")).status_code == 404
    assert client.get(f"/v1/complaints/{case_id}", headers=_h("coord_b")).status_code == 200
    assert (
        client.get(f"/v1/complaints/{case_id}", headers=_h("handler_b")).status_code == 404
    )  # not assigned yet


def test_staff_keys_are_required(client, case_id):
    assert client.get("/v1/complaints").status_code == 401
    r = client.get("/v1/complaints", headers={"X-Staff-Key": "guess"})
    assert r.status_code == 401 and "인증" in r.json()["error"]["message"]


def test_bad_payloads_get_clear_errors_and_store_nothing(client, services):
    before = len(services.complaints.store.all_cases("중구"))
    for body in (
        {"title": "x"},
        {"title": "", "content": ""},
        {"title": "t", "content": "c", "kind": "없는종류"},
        {"title": "t" * 301, "content": "c"},
        {"title": "t", "content": "c", "statutory_days": 0},
    ):
        r = client.post("/v1/complaints", json=body, headers=_h("coord_a"))
        assert r.status_code == 422 and r.json()["error"]["message"], body
    r = client.post(
        "/v1/complaints", content=b"{not json", headers={**_h("coord_a"), "Content-Type": "application/json"}
    )
    assert r.status_code == 422
    assert len(services.complaints.store.all_cases("중구")) == before


def test_workflow_conflicts_and_bad_extensions(client, case_id):
    r = client.post(
        f"/v1/complaints/{case_id}/transition", json={"action": "submit"}, headers=_h("handler_a1")
    )
    assert r.status_code == 409 and "상태에서는" in r.json()["error"]["message"]
    r = client.post(
        f"/v1/complaints/{case_id}/extend",
        json={"amount": 3, "reason": "단순 업무과중"},
        headers=_h("handler_a1"),
    )
    assert r.status_code == 422 and "제21조" in r.json()["error"]["message"]
    r = client.post(
        f"/v1/complaints/{case_id}/extend",
        json={"amount": 3, "reason": "아무 사유"},
        headers=_h("handler_a1"),
    )
    assert r.status_code == 422
    ok = client.post(
        f"/v1/complaints/{case_id}/extend",
        json={"amount": 3, "reason": "사실관계·현장 확인 필요"},
        headers=_h("handler_a1"),
    )
    assert ok.status_code == 200 and ok.json()["extensions"] == 1


def test_repeated_complaint_is_linked_at_intake(client):
    first = _new_case(client)
    second = client.post(
        "/v1/complaints",
        json={
            "title": "주차장 조명 또 고장",
            "content": "신포동 공영주차장 조명이 고장나 밤에 어둡습니다. 빨리 수리 바랍니다.",
            "contact": {"phone": "01012345678"},
        },
        headers=_h("coord_a"),
    ).json()
    assert second["duplicates"][0]["case_id"] == first
    assert second["duplicates"][0]["relation"] == "repeat"
    detail = client.get(f"/v1/complaints/{second['case']['id']}", headers=_h("coord_a")).json()
    assert detail["links"][0]["earlier_id"] == first and detail["events"][-1]["action"] == "link"


def test_list_filters_and_analytics(client, case_id):
    _new_case(client, "완전히 다른 민원: 가로수 가지치기 요청")
    r = client.get("/v1/complaints", params={"state": "배정"}, headers=_h("coord_a")).json()
    assert [c["id"] for c in r["cases"]] == [case_id]
    r = client.get("/v1/complaints", params={"department": "교통과"}, headers=_h("coord_a")).json()
    assert r["cases"] == []
    stats = client.get("/v1/complaints/analytics", headers=_h("coord_a")).json()
    assert stats["total"] == 2 and stats["by_state"] == {"배정": 1, "접수": 1}
    assert client.get("/v1/complaints/analytics", headers=_h("handler_t")).json()["total"] == 0


def test_attachments_are_parsed_kept_with_the_case_and_never_searchable(client, services, case_id):
    from tests.conftest import SHARED_DATA
    from tests.support.documents import zip_bytes

    hwp = next((SHARED_DATA / "hwp" / "보도자료").glob("*.hwp"))
    documents_before = services.documents.count()
    r = client.post(
        f"/v1/complaints/{case_id}/attachments",
        files={"file": ("현장사진설명.hwp", hwp.read_bytes())},
        headers=_h("handler_a1"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["format"] == "hwp" and r.json()["characters"] > 100
    bomb = zip_bytes(
        {"Contents/section0.xml": b"<a>" + b" " * 50_000_000 + b"</a>", "mimetype": b"application/hwp+zip"}
    )
    for name, data in (
        ("bomb.hwpx", bomb),
        ("empty.txt", b""),
        ("broken.hwp", b"\xd0\xcf\x11\xe0" + b"\0" * 600),
    ):
        bad = client.post(
            f"/v1/complaints/{case_id}/attachments", files={"file": (name, data)}, headers=_h("handler_a1")
        )
        assert bad.status_code in (413, 415, 422) and bad.json()["error"]["message"], name
    for who, status in (("handler_a2", 403), ("handler_t", 404), ("coord_b", 404)):
        denied = client.post(
            f"/v1/complaints/{case_id}/attachments",
            files={"file": ("a.txt", "내용".encode())},
            headers=_h(who),
        )
        assert denied.status_code == status, who
    detail = client.get(f"/v1/complaints/{case_id}", headers=_h("head_a")).json()
    assert [a["number"] for a in detail["attachments"]] == [1]
    assert [e["action"] for e in detail["events"]].count("attach") == 1
    assert services.documents.count() == documents_before  # not in the shared store, not searchable


def test_every_interface_maps_each_of_its_steps_to_a_command():
    from biseo.domain.complaints.cases import TRANSITION_STEPS
    from biseo.interfaces.cli import complaints_support
    from biseo.interfaces.http.api import complaints as complaints_routes
    from biseo.interfaces.http.web import complaints as complaint_pages

    assert tuple(complaints_routes._STEP_COMMANDS) == TRANSITION_STEPS
    assert tuple(complaints_support._STEP_COMMANDS) == TRANSITION_STEPS
    assert set(complaint_pages._FORM_COMMANDS) == set(complaint_pages.ACTION_LABELS)
    for action, build in complaint_pages._FORM_COMMANDS.items():
        fields = {
            "amount": "3",
            "reason": "사실관계·현장 확인 필요",
            "earlier_id": "e-1",
            "to_agency": "동구",
        }
        assert build("c-1", fields).action is action
