from __future__ import annotations

import json

import pytest

from biseo.interfaces.cli.main import main
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.integration

LAW = SHARED_DATA / "laws" / "민원처리에관한법률" / "법률.md"


def _ingest_json(capsys, *paths):
    code = main(["ingest", "--json", *map(str, paths)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return code, lines[:-1], lines[-1]


def test_ingest_then_list_and_show(capsys):
    code, files, summary = _ingest_json(capsys, LAW)
    assert code == 0 and summary["summary"]["added"] == 1 and files[0]["status"] == "added"
    doc_id = files[0]["document_id"]

    assert main(["documents", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["total"] == 1 and listed["documents"][0]["title"] == "민원 처리에 관한 법률"

    assert main(["documents", "show", doc_id, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    article = next(s for s in shown["segments"] if s["label"].endswith("제19조(처리기간의 계산)"))
    assert article["text"].startswith("제19조 (처리기간의 계산)")
    assert article["anchors"][0]["label"] == "민원 처리에 관한 법률 제19조제1항"

    assert main(["documents", "show", doc_id]) == 0
    assert "민원 처리에 관한 법률 제19조(처리기간의 계산)" in capsys.readouterr().out


def test_second_run_reports_unchanged(capsys):
    _ingest_json(capsys, LAW)
    code, _, summary = _ingest_json(capsys, LAW)
    assert code == 0 and summary["summary"]["unchanged"] == 1 and summary["segments"] == 0


def test_failure_gives_korean_message_and_exit_code_1(capsys, tmp_path):
    bad = tmp_path / "empty.hwp"
    bad.write_bytes(b"")
    assert main(["ingest", str(bad), str(LAW)]) == 1
    out = capsys.readouterr().out
    assert "실패 1" in out and "등록 1" in out and "빈 파일입니다" in out
    assert main(["documents", "failures"]) == 0
    assert "empty_file" in capsys.readouterr().out


def test_unknown_document_is_exit_3_with_korean_message(capsys):
    assert main(["documents", "show", "f" * 32]) == 3
    assert "찾을 수 없습니다" in capsys.readouterr().err


def test_demo_ingests_the_shipped_corpus(capsys, monkeypatch):
    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    assert main(["demo", "--no-serve"]) == 0
    capsys.readouterr()
    shipped = sum(1 for p in (REPO / "demo" / "corpus").rglob("*") if p.is_file())
    # the listing is newest first and paged; ask for more than the corpus holds
    assert main(["documents", "list", "--json", "--limit", str(shipped + 10)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed["documents"]) == shipped
    kinds = {d["kind"] for d in listed["documents"]}
    assert {"statute", "decree", "rule", "precedent", "press_release"} <= kinds
