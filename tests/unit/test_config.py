from __future__ import annotations

import pytest

from biseo.config import SETTINGS, Settings

pytestmark = pytest.mark.unit


def test_defaults(tmp_path):
    s = Settings.load({"BISEO_HOME": str(tmp_path)})
    assert s.sqlite_path == tmp_path / "biseo.db"
    assert (s.max_file_mb, s.workers, s.port, s.api_keys, s.uses_postgres) == (200, 0, 8000, (), False)


def test_file_then_environment_then_overrides_win(tmp_path):
    (tmp_path / "biseo.toml").write_text(
        'port = 9000\nmax_file_mb = 50\napi_keys = "a, b"\n', encoding="utf-8"
    )
    s = Settings.load({"BISEO_HOME": str(tmp_path), "BISEO_MAX_FILE_MB": "20"})
    assert (s.port, s.max_file_mb, s.api_keys) == (9000, 20, ("a", "b"))
    assert Settings.load({"BISEO_HOME": str(tmp_path)}, port=1234).port == 1234


def test_postgres_url_selects_postgres(tmp_path):
    s = Settings.load({"BISEO_HOME": str(tmp_path), "BISEO_DATABASE_URL": "postgresql://u@h/db"})
    assert s.uses_postgres


def test_every_setting_is_a_field():
    fields = set(Settings.__dataclass_fields__)
    assert {spec.key for spec in SETTINGS} == fields
