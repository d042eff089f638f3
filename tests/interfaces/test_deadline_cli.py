from __future__ import annotations

import json

import pytest

from biseo.interfaces.cli.main import main

pytestmark = pytest.mark.integration


def test_deadline_in_official_notation(capsys):
    assert main(["deadline", "--received", "2026-03-09T17:00", "--kind", "법정", "--days", "3"]) == 0
    out = capsys.readouterr().out
    assert "처리기한: 2026. 3. 12. 17:00" in out and "제19조" in out


def test_deadline_json_and_extensions(capsys):
    assert (
        main(
            [
                "deadline",
                "--received",
                "2026-03-09T09:00",
                "--kind",
                "고충",
                "--extend",
                "7",
                "--extend",
                "3",
                "--consent",
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["due"] == "2026-03-31T18:00:00" and result["basis"].endswith("제17조제1항")


def test_refused_extension_exits_2_with_the_article(capsys):
    assert (
        main(
            [
                "deadline",
                "--received",
                "2026-03-09T09:00",
                "--kind",
                "고충",
                "--extend",
                "3",
                "--reason",
                "단순 업무과중",
            ]
        )
        == 2
    )
    assert "시행령 제21조제2항" in capsys.readouterr().err


def test_holiday_file_is_honoured(capsys, tmp_path, monkeypatch):
    override = tmp_path / "h.json"
    override.write_text(json.dumps({"holidays": {"2026-03-04": "임시공휴일"}}), encoding="utf-8")
    monkeypatch.setenv("BISEO_HOLIDAYS_FILE", str(override))
    assert main(["deadline", "--received", "2026-03-03T16:30", "--kind", "기타", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2026-03-05T10:30:00"
