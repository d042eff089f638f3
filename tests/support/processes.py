"""Server processes on loopback for tests: a free port, and waiting until one listens."""

from __future__ import annotations

import socket
import subprocess
import time

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], name: str, seconds: float = 30) -> None:
    """Return once ``port`` accepts connections; fail the test (with the server's stderr) otherwise."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    error = process.stderr.read().decode()[:500] if process.stderr else ""
    pytest.fail(f"{name} did not start: {error}")
