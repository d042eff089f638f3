from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from biseo.config import SETTINGS, SettingError, Settings
from biseo.config.checks import Origin
from tests.conftest import HARNESS_VARIABLES, REPO

pytestmark = pytest.mark.integration


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


def _load(tmp_path, **env):
    return Settings.load({"BISEO_HOME": str(tmp_path), **env})


def _error(tmp_path, **env) -> SettingError:
    with pytest.raises(SettingError) as caught:
        _load(tmp_path, **env)
    return caught.value


@pytest.mark.parametrize(
    ("name", "value", "accepted_en", "accepted_ko"),
    [
        ("BISEO_PORT", "eighty", "an integer from 1 to 65535", "1부터 65535까지의 정수"),
        ("BISEO_PORT", "99999", "an integer from 1 to 65535", "1부터 65535까지의 정수"),
        ("BISEO_PORT", "0", "an integer from 1 to 65535", "1부터 65535까지의 정수"),
        ("BISEO_SMTP_PORT", "70000", "an integer from 1 to 65535", "1부터 65535까지의 정수"),
        ("BISEO_DENSE", "bogus", "one of off, local, openai", "off, local, openai 중 하나"),
        ("BISEO_WORKERS", "-1", "an integer of at least 0", "0 이상의 정수"),
        ("BISEO_MAX_FILE_MB", "0", "an integer of at least 1", "1 이상의 정수"),
        ("BISEO_LLM_TIMEOUT", "0", "a number greater than 0", "0보다 큰 숫자"),
        ("BISEO_LLM_TIMEOUT", "nan", "a number greater than 0", "0보다 큰 숫자"),
        ("BISEO_LLM_MAX_TOKENS", "1.5", "an integer of at least 1", "1 이상의 정수"),
        ("BISEO_EMBEDDING_MAX_TOKENS", "4096", "an integer from 8 to 512", "8부터 512까지의 정수"),
        ("BISEO_LOG_LEVEL", "LOUD", "one of DEBUG, INFO", "DEBUG, INFO"),
        ("BISEO_LLM_URL", "localhost:8080/v1", "empty or a URL http://… or https://…", "https://…"),
        ("BISEO_DATABASE_URL", "mysql://u@h/db", "postgresql://… or postgres://…", "postgresql://…"),
    ],
)
def test_a_bad_value_names_the_setting_the_value_and_what_it_accepts(
    tmp_path, name, value, accepted_en, accepted_ko
):
    error = _error(tmp_path, **{name: value})
    assert error.name == name and error.code == "invalid_input"
    assert name in error.detail and accepted_en in error.detail
    assert name in error.message_ko and accepted_ko in error.message_ko
    if name != "BISEO_DATABASE_URL":  # may hold a password: the value is never shown
        assert repr(value) in error.detail and repr(value) in error.message_ko
    assert isinstance(error, ValueError)  # what callers caught before


def test_a_secret_value_is_never_shown(tmp_path):
    error = _error(tmp_path, BISEO_DATABASE_URL="mysql://admin:hunter2@db/biseo")
    assert "hunter2" not in error.detail + error.message_ko and "(hidden)" in error.detail


def test_edge_values_are_accepted_and_choices_fold_case(tmp_path):
    s = _load(
        tmp_path,
        BISEO_PORT="65535",
        BISEO_SMTP_PORT=" 1 ",
        BISEO_DENSE="OFF",
        BISEO_LOG_LEVEL="warning",
        BISEO_LLM_TIMEOUT="0.5",
        BISEO_DATABASE_URL="postgresql:///biseo",
    )
    assert (s.port, s.smtp_port, s.dense, s.log_level, s.llm_timeout) == (65535, 1, "off", "WARNING", 0.5)
    assert s.uses_postgres


def test_arguments_win_over_the_environment_home_included(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    s = Settings.load({"BISEO_HOME": str(tmp_path), "BISEO_PORT": "9000"}, home=elsewhere, port=1234)
    assert (s.home, s.port, s.sqlite_path) == (elsewhere, 1234, elsewhere / "biseo.db")
    assert Settings.load({"BISEO_HOME": str(tmp_path)}, port=None).port == 8000  # None: not given


def test_arguments_are_checked_like_the_environment(tmp_path):
    with pytest.raises(
        SettingError, match=r"BISEO_PORT \(argument port\) must be an integer from 1 to 65535"
    ):
        Settings.load({"BISEO_HOME": str(tmp_path)}, port=99999)
    with pytest.raises(TypeError, match="unknown settings: prot"):
        Settings.load({"BISEO_HOME": str(tmp_path)}, prot=1)


def test_an_empty_home_is_the_default_never_the_working_folder():
    assert Settings.load({"BISEO_HOME": ""}).home == Path("~/.biseo").expanduser()


def test_default_paths_do_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    catalog = Path(_load(tmp_path).benefits_catalog)
    assert catalog.is_absolute() and catalog == REPO / "demo" / "benefits"
    given = _load(tmp_path, BISEO_BENEFITS_CATALOG="~/a.json:b").benefits_catalog
    assert given == f"{Path('~/a.json').expanduser()}{os.pathsep}b"  # as the user typed it, ~ expanded


def test_every_setting_is_declared_with_help_in_both_languages():
    for spec in SETTINGS:
        assert spec.help.strip() and spec.help_ko.strip(), spec.env
        assert re.search("[가-힣]", spec.help_ko), spec.env
        assert spec.parse(spec.default, Origin("default", Path("/h"))) is not None, spec.env


def test_the_test_harness_variables_are_not_settings():
    assert not HARNESS_VARIABLES & {spec.env for spec in SETTINGS}


def test_no_setting_reaches_a_test_from_the_callers_shell():
    leaked = {name for name in os.environ if name.startswith("BISEO_")} - HARNESS_VARIABLES
    assert leaked == {"BISEO_HOME", "BISEO_CACHE_DIR"}  # what isolated_home sets itself
