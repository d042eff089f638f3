"""Snapshot files: a rendered prompt or a generated draft compared with the text kept in
``tests/snapshots``. A change fails until a person has read the new text and accepted it with
``SNAPSHOT_UPDATE=1`` (the file's diff is then the review)."""

from __future__ import annotations

import os
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "snapshots"


def assert_snapshot(name: str, text: str) -> None:
    path = FOLDER / f"{name}.txt"
    if os.environ.get("SNAPSHOT_UPDATE") == "1" or (not path.exists() and os.environ.get("CI") != "true"):
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.name} changed; read it, then accept with SNAPSHOT_UPDATE=1"
