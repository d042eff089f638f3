"""``tests/unit`` does no I/O: when biseo's code or a unit test opens a file, a socket, a database or a
process, the test fails. (The test tools themselves — hypothesis's example database, lazy imports —
still may.) Tests that need real files, Korean analysis models or databases live in ``tests/adapters``."""

from __future__ import annotations

import builtins
import io
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

_STDLIB_WRAPPERS = {"pathlib", "io", "codecs", "tempfile", "shutil", "os", "json", "csv", "gzip", "zipfile"}


def _caller(frame: Any) -> str:
    """The first module up the stack that is not a standard-library wrapper (``Path.read_text``
    calls ``io.open`` on biseo's behalf)."""
    while frame is not None:
        name = str(frame.f_globals.get("__name__", ""))
        if name not in _STDLIB_WRAPPERS:
            return name
        frame = frame.f_back
    return ""


def _guarded(what: str, real: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        caller = _caller(sys._getframe(1))
        if caller.startswith(("biseo", "tests")):
            raise AssertionError(
                f"unit tests do no I/O ({what} from {caller}); move the test to tests/adapters"
            )
        return real(*args, **kwargs)

    return call


@pytest.fixture(autouse=True)
def _forbid_io(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builtins, "open", _guarded("open", builtins.open))
    monkeypatch.setattr(io, "open", _guarded("io.open", io.open))
    monkeypatch.setattr(socket.socket, "connect", _guarded("socket", socket.socket.connect))
    monkeypatch.setattr(sqlite3, "connect", _guarded("sqlite3", sqlite3.connect))
    monkeypatch.setattr(subprocess, "Popen", _guarded("subprocess", subprocess.Popen))
