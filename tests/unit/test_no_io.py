"""The unit folder's guard refuses I/O from biseo or the tests, directly or through pathlib."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


def test_opening_a_file_fails_a_unit_test(tmp_path_factory: pytest.TempPathFactory) -> None:
    with pytest.raises(AssertionError, match="unit tests do no I/O"):
        open("/etc/hostname")  # noqa: SIM115
    with pytest.raises(AssertionError, match="unit tests do no I/O"):
        Path("/etc/hostname").read_text()
    with pytest.raises(AssertionError, match="unit tests do no I/O"):
        sqlite3.connect(":memory:")
