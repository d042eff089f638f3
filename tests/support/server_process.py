"""``biseo serve`` as a real process on loopback, with its own home and log, for attacks from outside."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import free_port, wait_for_port


@dataclass
class RunningServer:
    base: str
    port: int
    home: Path
    log: Path
    env: dict[str, str]

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def biseo(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """One ``biseo`` command with ``env`` (the same home and database as the server)."""
    return subprocess.run(
        [sys.executable, "-m", "biseo.interfaces.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@contextmanager
def served(home: Path, **settings: str) -> Iterator[RunningServer]:
    """``settings``: BISEO_* variables (``BISEO_API_KEYS``, ``BISEO_DATABASE_URL`` …)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BISEO_")}
    env.update({"BISEO_HOME": str(home), "BISEO_PORT": str(port), "BISEO_LOG_LEVEL": "INFO", **settings})
    if "BISEO_CACHE_DIR" in os.environ:
        env["BISEO_CACHE_DIR"] = os.environ["BISEO_CACHE_DIR"]
    log = home.parent / f"server-{port}.log"
    home.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "biseo.interfaces.cli.main", "serve"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, process, "biseo serve", seconds=90)
            yield RunningServer(f"http://127.0.0.1:{port}", port, home, log, env)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
