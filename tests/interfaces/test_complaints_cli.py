"""`biseo complaints …`: staff keys, importing the shared complaints CSV (idempotently), intake that
finds the earlier answered complaint, the workflow from the command line, stats as JSON."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest

from biseo.interfaces.cli.main import main
from tests.conftest import SHARED_DATA
from tests.support.documents import write_csv

pytestmark = pytest.mark.integration

CSV = SHARED_DATA / "complaints" / "incheon_junggu_dev.csv"

ADD_COORDINATOR = ["complaints", "staff", "add", "--id", "c1", "--name", "총괄", "--agency", "인천광역시 중구", "--role", "민원총괄"]  # fmt: skip


def _run(capsys, *args) -> str:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_import_intake_workflow_and_stats(capsys, tmp_path):
    out = _run(capsys, *ADD_COORDINATOR)
    assert "API 키" in out and len(out.split("API 키 (다시 보여 주지 않습니다): ")[1].strip()) >= 30
    _run(
        capsys,
        "complaints",
        "staff",
        "add",
        "--id",
        "h1",
        "--name",
        "담당",
        "--agency",
        "인천광역시 중구",
        "--department",
        "교통운수과",
        "--role",
        "담당",
    )
    counts = json.loads(_run(capsys, "complaints", "import", "--as", "c1", "--file", CSV, "--json"))
    rows = list(csv.DictReader(CSV.open(encoding="utf-8")))
    assert counts["created"] + counts["skipped"] + counts["invalid"] == len(rows)
    assert counts["created"] == len({r["id"] for r in rows})  # the file repeats some ids: imported once
    again = json.loads(_run(capsys, "complaints", "import", "--as", "c1", "--file", CSV, "--json"))
    assert again["created"] == 0 and again["skipped"] == len(rows)  # idempotent, resumable

    first = rows[0]  # 주차장이 너무 어두워요 → 교통운수과
    note = tmp_path / "현장 설명.txt"
    note.write_text("전동쉼터 옆 주차장 야간 사진 3매", encoding="utf-8")
    added = json.loads(
        _run(
            capsys,
            "complaints",
            "add",
            "--as",
            "c1",
            "--title",
            first["title"],
            "--content",
            first["content"] + " 다시 요청합니다.",
            "--phone",
            "010-2222-3333",
            "--attach",
            note,
            "--json",
        )
    )
    assert added["attachments"] == [1]
    assert added["duplicates"] and added["duplicates"][0]["relation"] == "duplicate"
    assert added["duplicates"][0]["answered"] is True  # linked to the earlier case and its answer
    case_id = added["id"]

    _run(
        capsys, "complaints", "assign", "--as", "c1", case_id, "--department", "교통운수과", "--handler", "h1"
    )
    _run(capsys, "complaints", "act", "--as", "h1", case_id, "start")
    shown = json.loads(_run(capsys, "complaints", "show", "--as", "h1", case_id, "--json"))
    assert shown["contact"]["phone"] == "010-2222-3333" and shown["state"] == "처리중"
    masked = json.loads(_run(capsys, "complaints", "show", "--as", "c1", case_id, "--json"))
    assert masked["contact"]["phone"] == "010-****-3333"

    assert main(["complaints", "act", "--as", "c1", case_id, "submit"]) == 4  # not the handler
    assert "권한" in capsys.readouterr().err

    stats = json.loads(_run(capsys, "complaints", "stats", "--as", "c1"))
    assert stats["total"] == counts["created"] + 1
    assert stats["by_department"]["친환경조성과"] > 100 and stats["by_state"]["완료"] > 800
    queue = json.loads(_run(capsys, "complaints", "list", "--as", "h1", "--state", "처리중", "--json"))
    assert [c["id"] for c in queue] == [case_id]


def test_notify_without_a_channel_says_what_to_set(capsys):
    assert main(["complaints", "notify"]) == 2
    assert "BISEO_SMTP_HOST" in capsys.readouterr().err


def test_intake_suggests_a_department_and_an_override_is_recorded(capsys, tmp_path):
    rows = list(csv.DictReader(CSV.open(encoding="utf-8")))[:150]
    small = tmp_path / "history.csv"
    write_csv(small, rows)
    _run(capsys, "route", "train", "--data", small)
    _run(capsys, *ADD_COORDINATOR)
    added = json.loads(
        _run(
            capsys,
            "complaints",
            "add",
            "--as",
            "c1",
            "--title",
            "공영주차장 조명",
            "--content",
            "공영주차장이 밤에 너무 어두워요. 조명 설치 바랍니다.",
            "--json",
        )
    )
    suggestion = added["suggestion"]
    assert suggestion["primary"] and 0 < suggestion["confidence"] <= 1
    other = "총무과" if suggestion["primary"] != "총무과" else "재무과"
    _run(capsys, "complaints", "assign", "--as", "c1", added["id"], "--department", other)
    shown = json.loads(_run(capsys, "complaints", "show", "--as", "c1", added["id"], "--json"))
    assign = next(e for e in shown["events"] if e["action"] == "assign")
    assert assign["detail"]["route_override"] == {"suggested": suggestion["primary"]}


def test_staff_rekey_issues_a_new_key_and_retires_the_old_one(capsys):
    old = _run(capsys, *ADD_COORDINATOR).split("API 키 (다시 보여 주지 않습니다): ")[1].strip()
    new = _run(capsys, "complaints", "staff", "rekey", "--id", "c1").split(
        "API 키 (다시 보여 주지 않습니다): "
    )[1]
    new = new.strip()
    assert len(new) >= 30 and new != old
    from biseo.bootstrap import build_services
    from biseo.config import Settings

    services = build_services(Settings.load())
    try:
        assert services.complaints.staff_for_key(hashlib.sha256(old.encode()).hexdigest()) is None
        assert services.complaints.staff_for_key(hashlib.sha256(new.encode()).hexdigest()).id == "c1"
    finally:
        services.close()
    assert main(["complaints", "staff", "rekey", "--id", "nobody"]) == 3
    assert "nobody" not in capsys.readouterr().out


def test_step_options_reach_the_commands_text_fields(capsys):
    """``--text`` is the 보완 요청, the 답변 and the 이송 사유; ``extend`` and ``link`` take their own options."""
    _run(capsys, *ADD_COORDINATOR)
    handler = ["--agency", "인천광역시 중구", "--department", "건축과", "--role", "담당"]
    _run(capsys, "complaints", "staff", "add", "--id", "h1", "--name", "담당", *handler)

    def add(title: str) -> str:
        out = _run(capsys, "complaints", "add", "--as", "c1", "--title", title, "--content", title, "--json")
        return str(json.loads(out)["id"])

    earlier, case_id = add("놀이터 그네 파손"), add("도서관 주차장 조명 고장")
    _run(capsys, "complaints", "assign", "--as", "c1", case_id, "--department", "건축과", "--handler", "h1")
    for step, text in (("start", ""), ("request_supplement", "현장 사진"), ("supplement_received", "")):
        _run(capsys, "complaints", "act", "--as", "h1", case_id, step, "--text", text)
    _run(
        capsys,
        "complaints",
        "act",
        "--as",
        "h1",
        case_id,
        "draft",
        "--text",
        "1. 조명을 수리하였습니다.  끝.",
    )
    _run(
        capsys,
        "complaints",
        "extend",
        "--as",
        "h1",
        case_id,
        "--days",
        "3",
        "--reason",
        "사실관계·현장 확인 필요",
    )
    _run(capsys, "complaints", "link", "--as", "c1", case_id, earlier, "--relation", "repeat")
    out = _run(capsys, "complaints", "act", "--as", "c1", earlier, "transfer", "--text", "동구 소관", "--to-agency", "동구", "--json")  # fmt: skip
    assert json.loads(out)["state"] == "접수"
    assert main(["complaints", "show", "--as", "c1", earlier, "--json"]) == 3  # 동구's case now
    capsys.readouterr()

    from biseo.bootstrap import build_services

    services = build_services()
    try:
        store = services.complaints.store
        case, events, links = store.get(case_id), store.events(case_id), store.links(case_id)
        moved = store.events(earlier)[-1]
    finally:
        services.close()
    assert case is not None and case.answer == "1. 조명을 수리하였습니다.  끝."
    detail = {str(e.action): e.detail for e in events}
    assert detail["request_supplement"] == {"request": "현장 사진"} and detail["extend"]["amount"] == 3
    assert moved.detail == {"from_agency": "인천광역시 중구", "to_agency": "동구", "reason": "동구 소관"}
    assert links == [(earlier, "repeat", None)]
