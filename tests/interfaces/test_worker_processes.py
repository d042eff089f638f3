"""Worker processes die with the command that started them: ``kill -9`` of ``biseo ingest`` leaves no
forkserver or worker running (they used to stay alive, re-parented, using CPU)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {root}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= children
        frontier = children
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_killed_ingest_leaves_no_worker_behind(tmp_path: Path, shared_data: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BISEO_")}
    env.update({"BISEO_HOME": str(tmp_path / "home"), "BISEO_WORKERS": "2"})
    ingest = subprocess.Popen(
        [sys.executable, "-m", "biseo.interfaces.cli.main", "ingest", str(shared_data / "laws")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 3:  # the forkserver and two workers
        workers = _descendants(ingest.pid)
        time.sleep(0.2)
    assert len(workers) >= 3, f"no worker pool started: {workers}"
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} worker processes outlived the killed ingest"
