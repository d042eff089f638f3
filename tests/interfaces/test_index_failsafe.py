"""A damaged or missing search index is reported, never a traceback: search answers 503 with the
reason while everything else runs, ``biseo index status`` says what to do, ``rebuild`` mends it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.interfaces.cli.main import main
from biseo.interfaces.http.app import create_app

pytestmark = pytest.mark.integration
NOTICES = ["주차장 야간 개방 안내", "가로등 교체 공사 안내", "도서관 휴관 안내"]


@pytest.fixture
def home(isolated_home: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, title in enumerate(NOTICES):
        (folder / f"{i}.md").write_text(
            f"# {title}\n\n{title} 내용입니다. 주민 여러분의 협조 바랍니다.\n", encoding="utf-8"
        )
    assert main(["ingest", str(folder)]) == 0
    return isolated_home


def _damage(index: Path) -> None:
    biggest = max(
        (p for p in index.iterdir() if p.is_file() and p.suffix != ".json"), key=lambda p: p.stat().st_size
    )
    with biggest.open("r+b") as f:
        f.truncate(biggest.stat().st_size // 2)


def test_a_damaged_index_is_reported_and_rebuilt(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = home / "index" / "lexical"
    _damage(index)
    capsys.readouterr()
    assert main(["search", "가로등"]) != 0
    err = capsys.readouterr().err
    assert "biseo index rebuild" in err and "Traceback" not in err
    assert main(["index", "status"]) == 0
    assert "색인을 열 수 없습니다" in capsys.readouterr().out
    with (
        build_services(Settings.load()) as services,
        TestClient(create_app(services=services), client=("127.0.0.1", 1)) as client,
    ):
        down = client.get("/v1/search", params={"q": "가로등"})
        assert down.status_code == 503 and "index rebuild" in down.json()["error"]["message"]
        assert client.get("/benefits").status_code == 200 and client.get("/v1/documents").json()["total"] == 3
        stored = client.post("/v1/documents", files={"file": ("new.txt", "새 공지 내용".encode())})
        assert stored.status_code == 201 and stored.json()["searchable"] is False  # kept for the rebuild
    assert main(["index", "rebuild"]) == 0
    assert list(home.glob("index/lexical.broken-*")), "the damaged files are kept aside"
    capsys.readouterr()
    assert main(["search", "가로등", "--json"]) == 0
    assert "가로등 교체 공사 안내" in capsys.readouterr().out
    assert main(["search", "공지", "--json"]) == 0 and "새 «공지» 내용" in capsys.readouterr().out


def test_a_deleted_index_says_so_instead_of_no_results(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(home / "index" / "lexical")
    capsys.readouterr()
    assert main(["search", "가로등"]) == 0
    assert "검색 색인이 비어" in capsys.readouterr().out
    assert main(["index", "status"]) == 0
    assert "3건 뒤처져" in capsys.readouterr().out
    assert main(["index", "sync"]) == 0
    capsys.readouterr()
    assert main(["search", "가로등", "--json"]) == 0 and "가로등" in capsys.readouterr().out
