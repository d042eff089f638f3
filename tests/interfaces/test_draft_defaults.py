"""Drafting defaults a user does not have to know: ``biseo --help`` lists them with their values, the
command line drafts as BISEO_AGENCY / BISEO_DEPARTMENT (an option wins), and without an agency it
still drafts from the answer files and the stored statutes — and says which it used, or why none."""

from __future__ import annotations

import csv
import json

import pytest

from biseo.bootstrap import UNSCOPED_AGENCY
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.interfaces.cli.main import main
from biseo.services.complaints.history_import import import_history
from biseo.services.drafting.past_answers import read_past_answers
from tests.conftest import SHARED_DATA
from tests.support import search_corpus

pytestmark = pytest.mark.integration

COMPLAINTS = SHARED_DATA / "complaints" / "incheon_junggu_dev.csv"
# a held-out complaint (not among the answer rows written below) about a matter the statutes cover
TITLE = "민원 처리기간이 지났는데 답이 없습니다"
TEXT = "지난달 접수한 민원의 처리기간이 지났습니다. 민원 처리기간은 어떻게 계산하나요? 공휴일도 포함되나요?"
NO_AGENCY = (
    "기관이 지정되지 않아 처리한 민원의 답변은 쓰지 않았습니다. BISEO_AGENCY 또는 --agency 로 지정하세요"
)


@pytest.fixture(scope="module")
def services(tmp_path_factory, shared_token_cache):
    s = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    coordinator = Staff("c1", "총괄", "남구", "민원과", Role.COORDINATOR)
    row = {
        "id": "n-7",
        "title": "공원 벤치 파손",
        "content": "수봉공원 벤치가 부서졌습니다",
        "date": "2026.11.02",
    }
    answer = "1. 벤치를 새것으로 교체하였습니다.\n2. 기타 문의는 공원과로 연락 주십시오."
    import_history(s.complaints, coordinator, [{**row, "answer": answer, "department": "공원과"}], "t")
    yield s
    s.close()


@pytest.fixture
def cli(services, monkeypatch, tmp_path):
    """The command line on the module's store, with 120 real past answers and one on this matter configured."""
    answers = tmp_path / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "content", "answer", "department"])
        writer.writerows(
            (r.id, r.title, r.content, r.answer, r.department) for r in read_past_answers(COMPLAINTS)[:120]
        )
        # the same matter as TITLE/TEXT answered before (the dev rows hold none above the relevance gate)
        writer.writerow(
            (
                "q-1",
                "민원 처리기간 계산 문의",
                "접수한 민원의 처리기간이 지났는지 궁금합니다. 처리기간은 어떻게 계산하고 공휴일도 포함되나요?",
                "1. 민원의 처리기간은 접수한 날부터 계산하며 공휴일과 토요일은 산입하지 않습니다.  끝.",
                "민원과",
            )
        )
    monkeypatch.setenv("BISEO_HOME", str(services.settings.home))
    monkeypatch.setenv("BISEO_CACHE_DIR", str(services.settings.cache_path))
    monkeypatch.setenv("BISEO_PAST_ANSWERS", str(answers))
    for name in ("BISEO_AGENCY", "BISEO_DEPARTMENT", "BISEO_LLM_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _draft(capsys, *extra):
    assert main(["draft", "reply", "--title", TITLE, "--text", TEXT, "--json", *extra]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_help_lists_the_drafting_defaults_with_their_values(cli, capsys):
    cli.setenv("BISEO_AGENCY", "인천광역시 중구")
    cli.setenv("BISEO_DEPARTMENT", "교통과")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "BISEO_AGENCY" in out and "현재: 인천광역시 중구" in out
    assert "BISEO_DEPARTMENT" in out and "현재: 교통과" in out
    assert "BISEO_PAST_ANSWERS" in out and "answers.csv" in out
    assert f"기관 {UNSCOPED_AGENCY}로 남습니다" in out


def test_without_an_agency_the_draft_uses_the_answer_files_and_statutes_and_says_so(cli, services, capsys):
    body, err = _draft(capsys)
    kinds = [s["kind"] for s in body["sources"]]
    assert "answer" in kinds and "article" in kinds, body["sources"]
    assert not [s for s in body["sources"] if str(s["reference"]).startswith("case:")]  # no agency: no cases
    assert NO_AGENCY in err and "(처리한 민원이 있는 기관: 남구)" in err
    assert "답변 파일 1개 121건" in err and "법령 조문" in err and "「민원 처리에 관한 법률」" in err
    assert body["basis"] and all(line in err for line in body["basis"])
    record = services.audit.get(UNSCOPED_AGENCY, body["audit_id"])
    assert record.settings["department"] is None


def test_the_configured_agency_and_unit_are_the_default_and_an_option_wins(cli, services, capsys):
    cli.setenv("BISEO_AGENCY", "남구")
    cli.setenv("BISEO_DEPARTMENT", "공원과")
    body, err = _draft(capsys, "--title", "공원 벤치가 부서졌어요")
    case = next(s for s in body["sources"] if str(s["reference"]).startswith("case:"))
    assert "벤치를 새것으로 교체하였습니다" in case["text"]
    assert "작성 기관: 남구 · 부서: 공원과" in err and "남구 처리 민원 1건" in err and NO_AGENCY not in err
    record = services.audit.get("남구", body["audit_id"])
    assert record.settings["department"] == "공원과"
    other, err = _draft(capsys, "--agency", "동구", "--department", "민원과")
    assert "기관 '동구'의 처리한 민원이 없습니다 (처리한 민원이 있는 기관: 남구)" in err
    assert services.audit.get("동구", other["audit_id"]).settings["department"] == "민원과"


def test_with_nothing_configured_the_user_is_told_what_to_set(cli, capsys):
    cli.setenv("BISEO_PAST_ANSWERS", "")
    body, err = _draft(capsys)
    assert not [s for s in body["sources"] if s["kind"] == "answer"]
    assert "BISEO_PAST_ANSWERS 에 민원 CSV 파일을 지정하세요" in err and NO_AGENCY in err
    assert body["text"].rstrip().endswith("끝.")


def test_audit_reads_the_configured_agency_and_earlier_command_line_records(cli, services, capsys):
    earlier = services.audit.record(  # as biseo stored command-line records before BISEO_AGENCY
        kind="summary",
        agency="local",
        actor="cli:old",
        input_text="예전 요약",
        output_text="□ 예전 요약",
        sources=[],
        model=None,
        settings={},
        prompt=None,
        verification={},
    )
    assert main(["audit", "list", "--limit", "500"]) == 0
    assert earlier in capsys.readouterr().out
    cli.setenv("BISEO_AGENCY", "남구")
    body, _ = _draft(capsys)
    assert main(["audit", "list", "--limit", "500"]) == 0
    listed = capsys.readouterr().out
    assert body["audit_id"] in listed and earlier not in listed
    assert main(["audit", "--agency", "local", "show", earlier]) == 0
    assert json.loads(capsys.readouterr().out)["actor"] == "cli:old"
