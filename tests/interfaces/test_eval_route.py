"""`biseo eval route` on splits of the shared complaints and petitions, and on files written here."""

from __future__ import annotations

import csv
import json
import random

import pytest

from biseo.interfaces.cli.main import main
from tests.conftest import SHARED_DATA

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEYS = {"macro_f1", "accuracy", "top3"}


def _run(capsys, *args):
    assert main(["eval", "route", *map(str, args)]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def _check(result):
    for side in ("biseo", "baseline"):
        assert set(result[side]) == KEYS
        assert all(0.0 <= v <= 1.0 for v in result[side].values())
        assert result[side]["top3"] >= result[side]["accuracy"]


def _write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "date", "content", "answer", "department"])
        writer.writeheader()
        writer.writerows(rows)


def test_complaints_split_by_stable_unit(capsys, tmp_path):
    with (SHARED_DATA / "complaints" / "incheon_junggu_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    random.Random(0).shuffle(rows)
    cut = int(len(rows) * 0.8)
    _write_csv(tmp_path / "train.csv", rows[:cut])
    _write_csv(tmp_path / "test.csv", rows[cut:])
    result = _run(capsys, "--train", tmp_path / "train.csv", "--test", tmp_path / "test.csv")
    _check(result)
    assert result["label_field"] == "department"
    assert result["train"] > 600 and result["test"] > 150  # rows with text in the department column dropped
    assert result["classes"] < 100  # renamed 국 folded into stable units (124 raw names in the file)
    assert result["biseo"]["macro_f1"] > result["baseline"]["macro_f1"]
    assert result["biseo"]["top3"] > result["baseline"]["top3"]
    assert result["training_answers"] > 600  # past answers teach the router, never the test rows'
    assert result["embeddings"].startswith("multilingual-e5-small")  # the dense extra is installed in CI


def test_petitions_jsonl_use_their_category(capsys, tmp_path):
    lines = (SHARED_DATA / "petitions" / "petitions_dev.jsonl").read_text(encoding="utf-8").splitlines()[:500]
    (tmp_path / "train.jsonl").write_text("\n".join(lines[:400]) + "\n", encoding="utf-8")
    (tmp_path / "test.jsonl").write_text("\n".join(lines[400:]) + "\n", encoding="utf-8")
    result = _run(capsys, "--train", tmp_path / "train.jsonl", "--test", tmp_path / "test.jsonl")
    _check(result)
    assert result["label_field"] == "category"
    assert result["test"] == 100


def test_labels_unseen_in_training_count_as_errors(capsys, tmp_path):
    def row(i, title, department):
        return {"id": i, "title": title, "date": "", "content": title, "answer": "", "department": department}

    train = [row(i, "불법 주차 단속 요청", "교통국 교통지도과") for i in range(3)]
    train += [row(10 + i, "건축물 무단 증축 신고", "도시관리국 건축과") for i in range(3)]
    test = [row(20, "불법 주차 단속해 주세요", "교통국 교통지도과"), row(21, "가로등 고장", "안전국 도로과")]
    _write_csv(tmp_path / "train.csv", train)
    _write_csv(tmp_path / "test.csv", test)
    result = _run(capsys, "--train", tmp_path / "train.csv", "--test", tmp_path / "test.csv")
    assert result["unseen_test_labels"] == 1
    assert result["biseo"]["accuracy"] == 0.5  # the unseen 도로과 cannot be right


def test_a_file_without_labels_is_a_clear_error(capsys, tmp_path):
    (tmp_path / "x.jsonl").write_text(
        json.dumps({"title": "제목", "content": "내용"}) + "\n", encoding="utf-8"
    )
    assert (
        main(["eval", "route", "--train", str(tmp_path / "x.jsonl"), "--test", str(tmp_path / "x.jsonl")])
        == 2
    )
    assert "레이블" in capsys.readouterr().err


def test_cross_validation_routes_every_row_once(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("BISEO_ROUTE_EMBEDDINGS", "off")  # the folds, not the vectors, are under test

    def row(i, title, department):
        return {"id": i, "title": title, "date": "", "content": title, "answer": "", "department": department}

    topics = [("불법 주차 단속 요청", "교통국 교통지도과"), ("건축물 무단 증축 신고", "도시관리국 건축과")]
    topics += [("공원 놀이터 시설 파손", "푸른도시국 공원녹지과")]
    rows = [row(10 * t + i, f"{title} {i}", dept) for t, (title, dept) in enumerate(topics) for i in range(5)]
    _write_csv(tmp_path / "all.csv", rows)
    result = _run(capsys, "--train", tmp_path / "all.csv", "--folds", 5, "--seed", 3)
    _check(result)
    assert (result["folds"], result["seed"], result["test"], result["classes"]) == (5, 3, 15, 3)
    assert len(result["fold_top3"]["biseo"]) == len(result["fold_top3"]["baseline"]) == 5
    assert result["biseo"]["accuracy"] == 1.0  # each topic's other four rows teach its unit
    assert result["unseen_test_labels"] == 0


def test_cross_validation_needs_at_least_two_folds_and_as_many_rows(capsys, tmp_path):
    _write_csv(
        tmp_path / "few.csv",
        [
            {
                "id": 1,
                "title": "가로등 고장",
                "date": "",
                "content": "고장",
                "answer": "",
                "department": "도로과",
            }
        ],
    )
    for folds in ("1", "5"):
        assert main(["eval", "route", "--train", str(tmp_path / "few.csv"), "--folds", folds]) == 2
        assert "나눌 수 없습니다" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # a held-out file and folds are alternatives
        main(
            [
                "eval",
                "route",
                "--train",
                str(tmp_path / "few.csv"),
                "--test",
                str(tmp_path / "few.csv"),
                "--folds",
                "2",
            ]
        )
