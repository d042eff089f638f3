"""A throwaway PostgreSQL server for the test session: initdb in a temp dir, a free port, stopped after.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user that
Debian's package creates. ``scripts/install.sh`` installs the package.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PgServer:
    dsn: str
    data_dir: Path
    bindir: Path
    _as_user: list[str]

    def stop(self) -> None:
        subprocess.run(
            [
                *self._as_user,
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def find_bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise RuntimeError(
            "PostgreSQL server binaries not found; run scripts/install.sh (Debian postgresql-15)"
        )
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start() -> PgServer:
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="biseo-pg-"))
    data = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = lambda *args: subprocess.run([*as_user, *args], capture_output=True, text=True, check=True)  # noqa: E731
    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-U",
        "biseo",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(root / "log"),
        "-w",
        "-t",
        "60",
        "start",
    )
    return PgServer(f"postgresql://biseo@127.0.0.1:{port}/postgres", data, bindir, as_user)
