"""`biseo route train|suggest` on real answered complaints."""

from __future__ import annotations

import csv
import json
import shlex

import pytest

from biseo.bootstrap import build_routing
from biseo.config import Settings
from biseo.domain.errors import InvalidInput
from biseo.interfaces.cli.main import main
from tests.conftest import SHARED_DATA
from tests.support.documents import write_csv

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def trained(tmp_path, capsys, monkeypatch):
    # the CLI's mechanics; routing with sentence vectors is measured in test_eval_route and used in
    # test_complaints_cli, so this one trains on words alone to keep the suite fast
    monkeypatch.setenv("BISEO_ROUTE_EMBEDDINGS", "off")
    with (SHARED_DATA / "complaints" / "incheon_junggu_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:400]
    data = tmp_path / "history.csv"
    write_csv(data, rows)
    assert main(["route", "train", "--data", str(data)]) == 0
    assert "배정 모델 학습" in capsys.readouterr().out
    return rows


def test_suggestions_come_from_the_trained_units(trained, capsys):
    assert main(["route", "suggest", "공영주차장 야간 조명", "주차장이 너무 어두워요", "--json"]) == 0
    advice = json.loads(capsys.readouterr().out)
    units = {r["department"].split()[-1] for r in trained if r["department"].strip()}
    suggested = [advice["primary"], *advice["cooperating"], *advice["alternatives"]]
    assert all(s["unit"] in units for s in suggested)
    assert 0 < advice["primary"]["confidence"] <= 1
    assert all(s["confidence"] >= 0.5 * advice["primary"]["confidence"] for s in advice["cooperating"])
    assert all(s["confidence"] <= advice["primary"]["confidence"] for s in suggested)


def test_a_past_complaint_routes_to_its_own_unit_among_the_top_three(trained):
    routing = build_routing(Settings.load())  # a fresh service reads the saved model
    hits = 0
    sample = [r for r in trained if r["department"].strip() and "\n" not in r["department"]][:40]
    for row in sample:
        advice = routing.suggest(row["title"], row["content"])
        top = [advice.primary.unit, *(s.unit for s in advice.cooperating + advice.alternatives)][:3]
        hits += row["department"].split()[-1] in top
    assert hits >= 0.8 * len(sample)  # seen in training: the model must at least fit its history


def test_without_a_model_or_text_the_errors_are_clear(tmp_path, capsys):
    assert main(["route", "suggest", "주차 문의"]) == 2
    assert "배정 모델이 아직 없습니다" in capsys.readouterr().err
    with pytest.raises(InvalidInput, match="empty complaint"):
        build_routing(Settings.load()).suggest(" ", "")


def test_renamed_units_route_to_todays_unit(tmp_path, capsys, monkeypatch):
    """Learned successions (교통행정과 → 교통운수과 in this history) and a reviewed list for the
    renames no inference sees (청소과 → 자원순환과): suggestions name only today's units."""
    monkeypatch.setenv("BISEO_ROUTE_EMBEDDINGS", "off")
    with (SHARED_DATA / "complaints" / "incheon_junggu_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    data = tmp_path / "history.csv"
    write_csv(data, rows)
    renames = tmp_path / "renames.csv"
    renames.write_text("이전 부서,현재 부서\n청소과,자원순환과\n", encoding="utf-8")
    assert main(["route", "train", "--data", str(data), "--renames", str(renames)]) == 0
    out = capsys.readouterr().out
    assert "청소과 → 자원순환과" in out and "교통행정과 → 교통운수과" in out
    advice = build_routing(Settings.load()).suggest(
        "쓰레기 무단투기", "골목에 쓰레기가 쌓여 있어 청소를 요청합니다"
    )
    units = [advice.primary.unit, *(s.unit for s in advice.cooperating + advice.alternatives)]
    assert "청소과" not in units and "교통행정과" not in units


def test_the_agencys_closed_cases_train_the_router_with_the_reassigned_unit(tmp_path, capsys, monkeypatch):
    """`route train --cases AGENCY`: imported history and the office's own closed cases are the
    training data, and the unit a case was finally answered by is its label."""
    from dataclasses import replace

    from biseo.bootstrap import build_services
    from biseo.domain.complaints.cases import CaseState

    monkeypatch.setenv("BISEO_ROUTE_EMBEDDINGS", "off")
    assert main(["route", "train"]) == 2
    assert "--data 파일 또는 --cases 기관" in capsys.readouterr().err
    staff = shlex.split("complaints staff add --id c1 --name 총괄 --agency 중구 --role 민원총괄")
    assert main(staff) == 0
    with (SHARED_DATA / "complaints" / "incheon_junggu_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:300]
    data = tmp_path / "history.csv"
    write_csv(data, rows)
    assert main(["complaints", "import", "--as", "c1", "--file", str(data)]) == 0
    services = build_services(Settings.load())
    store = services.complaints.store
    closed = store.answered_cases("중구")
    moved = closed[0]  # an official reassigned this one to a unit no imported row names
    store.update(
        replace(moved, department="안전총괄국 재난대응과", version=moved.version + 1),
        store.events(moved.id)[-1],
        expected_version=moved.version,
    )
    open_case = replace(closed[1], state=CaseState.IN_PROGRESS, version=closed[1].version + 1)
    store.update(open_case, store.events(open_case.id)[-1], expected_version=closed[1].version)
    services.close()
    capsys.readouterr()

    assert main(["route", "train", "--cases", "중구"]) == 0
    out = capsys.readouterr().out
    assert f"처리한 민원 {len(closed) - 1}건" in out  # the case still in progress is not a label yet
    advice = build_routing(Settings.load()).suggest(moved.title, moved.content)
    units = [advice.primary.unit, *(s.unit for s in advice.cooperating + advice.alternatives)]
    assert "재난대응과" in units


def test_a_nightly_retrain_waits_for_enough_newly_answered_cases(tmp_path, capsys, monkeypatch):
    """`route train --if-new N` keeps the model until N more cases were answered or the file changed."""
    monkeypatch.setenv("BISEO_ROUTE_EMBEDDINGS", "off")
    assert main(shlex.split("complaints staff add --id c1 --name 총괄 --agency 중구 --role 민원총괄")) == 0
    with (SHARED_DATA / "complaints" / "incheon_junggu_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:260]
    data, first, later = tmp_path / "history.csv", tmp_path / "first.csv", tmp_path / "later.csv"
    write_csv(data, rows[:200])
    write_csv(first, rows[200:230])
    write_csv(later, rows[230:260])
    assert main(["complaints", "import", "--as", "c1", "--file", str(first)]) == 0
    nightly = ["route", "train", "--data", str(data), "--cases", "중구", "--if-new", "20"]
    assert main(nightly) == 0  # no model yet: it trains
    assert "배정 모델 학습" in capsys.readouterr().out
    model = Settings.load().home / "models" / "router.pkl"
    trained_at = model.stat().st_mtime_ns
    assert main(nightly) == 0
    assert "재학습 건너뜀: 마지막 학습 뒤 처리한 민원 0건 (기준 20건)" in capsys.readouterr().out
    assert model.stat().st_mtime_ns == trained_at
    assert main(["complaints", "import", "--as", "c1", "--file", str(later)]) == 0
    assert main(nightly) == 0  # 30 newly answered cases
    assert "배정 모델 학습" in capsys.readouterr().out
    assert model.stat().st_mtime_ns != trained_at
    retrained_at = model.stat().st_mtime_ns
    write_csv(data, rows[:199])  # the file changed: retrain though no case is new
    assert main(nightly) == 0
    assert "배정 모델 학습" in capsys.readouterr().out and model.stat().st_mtime_ns != retrained_at
    assert main([*nightly[:-1], "0"]) == 2
    assert "1 이상" in capsys.readouterr().err
