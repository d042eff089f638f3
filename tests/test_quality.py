"""Lint, types, the layer contracts and a light ``import biseo`` are part of the test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_lint():
    result = _run(str(BIN / "ruff"), "check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = _run(str(BIN / "ruff"), "format", "--check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_on_all_of_src():
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_direction_contracts():
    result = _run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_import_biseo_stays_light():
    code = (
        "import sys, biseo, biseo.domain.documents.model, biseo.domain.documents.segmentation, biseo.config;"
        "heavy = {'fastapi', 'uvicorn', 'psycopg', 'hwpx', 'pypdf', 'docx', 'lxml', 'yaml', 'sqlite3'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
