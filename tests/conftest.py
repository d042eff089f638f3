"""Shared fixtures: an isolated BISEO_HOME per test, the shared data folder, a session PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["tests.support.mail", "tests.support.databases"]  # smtp_server, webhook, db

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("BISEO_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_token_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One analysis cache for the session: keyed by analyzer version and text, so sharing is safe."""
    return tmp_path_factory.mktemp("token-cache")


# Variables of the test harness, not settings of biseo (tests/unit/test_config.py checks they never become one).
HARNESS_VARIABLES = frozenset({"BISEO_SHARED_DATA", "BISEO_TEST_POSTGRES_DSN", "BISEO_FUZZ_EXPLORE"})


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_token_cache: Path) -> Path:
    """Every test starts from the defaults: each BISEO_* variable of the caller's shell is cleared."""
    for name in [name for name in os.environ if name.startswith("BISEO_")]:
        if name not in HARNESS_VARIABLES:
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("BISEO_HOME", str(home))
    monkeypatch.setenv("BISEO_CACHE_DIR", str(shared_token_cache))
    return home


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "hwp").is_dir():
        pytest.fail(f"shared data not found at {SHARED_DATA}; set BISEO_SHARED_DATA")
    return SHARED_DATA


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """DSN of a throwaway server; BISEO_TEST_POSTGRES_DSN points at an existing one instead."""
    existing = os.environ.get("BISEO_TEST_POSTGRES_DSN")
    if existing:
        yield existing
        return
    from tests.support.pg_server import start

    server = start()
    try:
        yield server.dsn
    finally:
        server.stop()


@pytest.fixture
def postgres_dsn(postgres_server: str) -> Iterator[str]:
    """An empty database on the session server, dropped after the test."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_FOLDER_MARKS = {"unit": "unit", "adapters": "integration", "interfaces": "integration", "e2e": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test carries its folder's marker, so ``-m unit`` selects exactly ``tests/unit``."""
    for item in items:
        parts = item.path.relative_to(REPO / "tests").parts
        mark = _FOLDER_MARKS.get(parts[0]) if len(parts) > 1 else "integration"
        if mark and mark not in {m.name for m in item.iter_markers()}:
            item.add_marker(mark)
