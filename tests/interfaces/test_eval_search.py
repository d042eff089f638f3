"""`biseo eval search` on a label file written here (same format as the dev labels) and on the dev labels."""

from __future__ import annotations

import json
import shutil

import pytest

from biseo.interfaces.cli.main import main
from tests.conftest import SHARED_DATA

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEYS = {"ndcg@10", "recall@10", "recall@100", "mrr"}

PRECEDENT = """---
사건번호: 2099두1
사건명: 처리기간 사건
---

# 처리기간 사건

## 판시사항

[1] 민원 처리에 관한 법률 제19조 제1항에 따라 민원 처리기간을 근무시간으로 계산하는 방법

## 판결요지

민원의 처리기간은 접수시각부터 시간 단위로 계산한다.
"""


def _run(capsys, *args):
    assert main(["eval", "search", *map(str, args)]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def _check_shape(result):
    for side in ("biseo", "baseline"):
        for level in ("article", "law"):
            assert set(result[side][level]) == KEYS
            assert all(0.0 <= v <= 1.0 for v in result[side][level].values())
    low, high = result["ci95"]["biseo_article_ndcg@10"]
    assert low <= result["biseo"]["article"]["ndcg@10"] <= high


def _own_labels(tmp_path):
    laws = tmp_path / "laws"
    shutil.copytree(SHARED_DATA / "laws" / "민원처리에관한법률", laws / "민원처리에관한법률")
    shutil.copytree(SHARED_DATA / "laws" / "행정절차법", laws / "행정절차법")
    precedents = tmp_path / "precedents"
    precedents.mkdir()
    (precedents / "2099두1.md").write_text(PRECEDENT, encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    row = {
        "precedent": "일반행정/대법원/2099두1.md",
        "cited": [{"law": "kr/민원처리에관한법률/법률.md", "article": "제19조"}],
    }
    missing = {
        "precedent": "일반행정/대법원/없음.md",
        "cited": [{"law": "kr/민원처리에관한법률/법률.md", "article": "제1조"}],
    }
    labels.write_text(
        json.dumps(row, ensure_ascii=False) + "\n" + json.dumps(missing, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return labels, precedents, laws


def test_a_label_file_of_our_own(capsys, tmp_path):
    labels, precedents, laws = _own_labels(tmp_path)
    result = _run(capsys, "--labels", labels, "--precedents", precedents, "--laws", laws)

    assert result["queries"] == 1  # the label whose precedent is missing is skipped
    _check_shape(result)
    assert result["biseo"]["article"]["ndcg@10"] == 1.0  # the named article ranks first
    assert result["biseo"]["law"]["mrr"] == 1.0


def test_dev_labels_on_a_subset_of_laws(capsys, tmp_path):
    labels = SHARED_DATA / "search_labels" / "precedent_to_law_dev.jsonl"
    laws = tmp_path / "laws"
    for line in labels.read_text(encoding="utf-8").splitlines()[:12]:
        for cited in json.loads(line)["cited"]:
            name = cited["law"].split("/")[1]
            if not (laws / name).exists() and (SHARED_DATA / "laws" / name).exists():
                shutil.copytree(SHARED_DATA / "laws" / name, laws / name)
    result = _run(
        capsys,
        "--labels",
        labels,
        "--precedents",
        SHARED_DATA / "precedents",
        "--laws",
        laws,
        "--limit",
        10,
        "--query-field",
        "판결요지",
    )
    assert result["queries"] == 10
    _check_shape(result)


def test_dense_adds_the_lexical_only_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("BISEO_EMBEDDING_MAX_TOKENS", "32")  # a quick embedding of ~150 articles
    labels, precedents, laws = _own_labels(tmp_path)
    result = _run(capsys, "--labels", labels, "--precedents", precedents, "--laws", laws, "--dense")
    _check_shape(result)
    assert set(result["lexical"]["article"]) == KEYS
    assert result["biseo"]["article"]["ndcg@10"] == 1.0  # exact references stay first when fused
    ratio = result["ratio"]["hybrid_over_lexical_article_ndcg@10"]
    low, high = result["ci95"]["hybrid_over_lexical_article_ndcg@10"]
    assert ratio == 1.0 and low <= ratio <= high
