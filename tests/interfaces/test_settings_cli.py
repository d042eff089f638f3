"""A bad setting stops ``biseo`` with exit code 2 and a Korean message naming it, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration


def _biseo(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "biseo.interfaces.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize(
    ("name", "value", "accepted"),
    [
        ("BISEO_PORT", "eighty", "1부터 65535까지의 정수"),
        ("BISEO_PORT", "99999", "1부터 65535까지의 정수"),
        ("BISEO_DENSE", "bogus", "off, local, openai 중 하나"),
    ],
)
def test_a_bad_setting_exits_2_with_a_message_naming_it(name, value, accepted):
    done = _biseo("search", "x", **{name: value})
    assert done.returncode == 2, done.stderr
    assert name in done.stderr and repr(value) in done.stderr and accepted in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_serve_refuses_a_port_out_of_range_before_listening():
    done = _biseo("serve", BISEO_PORT="99999")
    assert done.returncode == 2, done.stderr
    assert "BISEO_PORT" in done.stderr and "Traceback" not in done.stderr
    assert "biseo API:" not in done.stderr  # stopped before announcing an address


def test_a_broken_settings_file_exits_2_naming_the_file_and_key(isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "biseo.toml").write_text("port = 99999\n", encoding="utf-8")
    done = _biseo("search", "x")
    assert done.returncode == 2 and "biseo.toml의 port" in done.stderr, done.stderr
    (isolated_home / "biseo.toml").write_text("prot = 9000\n", encoding="utf-8")
    done = _biseo("search", "x")
    assert done.returncode == 2 and "prot" in done.stderr and "Traceback" not in done.stderr, done.stderr
    (isolated_home / "biseo.toml").write_text("port = \n", encoding="utf-8")
    done = _biseo("search", "x")
    assert done.returncode == 2 and "biseo.toml" in done.stderr and "Traceback" not in done.stderr


def test_the_demo_benefits_catalog_is_found_from_any_folder(tmp_path):
    done = _biseo("benefits", "search", "청년", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() not in ("", "[]")
    assert (REPO / "demo" / "benefits").is_dir()


def test_no_setting_of_the_callers_shell_reaches_a_test():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/adapters/test_config.py::test_no_setting_reaches_a_test_from_the_callers_shell",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "BISEO_PORT": "eighty", "BISEO_AGENCY": "남구", "BISEO_LLM_URL": "http://x"},
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_serve_checks_its_port_option_like_the_setting():
    done = _biseo("serve", "--port", "99999")
    assert done.returncode == 2 and "BISEO_PORT" in done.stderr and "99999" in done.stderr, done.stderr
    assert "biseo API:" not in done.stderr


def test_help_still_works_with_a_bad_setting():
    done = _biseo("--help", BISEO_PORT="eighty")
    assert done.returncode == 0 and "biseo" in done.stdout, done.stderr
