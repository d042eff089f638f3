"""Read settings: arguments, then the environment, then ``$BISEO_HOME/biseo.toml``, then the defaults.

``home`` is read first (arguments, then ``BISEO_HOME``, then ``~/.biseo``) because the file lives in it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from biseo.config.checks import Origin, Source
from biseo.config.errors import SettingError
from biseo.config.spec import SettingSpec

SETTINGS_FILE = "biseo.toml"


def load_values(
    specs: tuple[SettingSpec, ...], environ: Mapping[str, str] | None, overrides: Mapping[str, Any]
) -> dict[str, Any]:
    """Typed, checked values by key; ``SettingError`` for a bad value, ``TypeError`` for an unknown argument."""
    env = os.environ if environ is None else environ
    given = {key: value for key, value in overrides.items() if value is not None}
    unknown = sorted(set(given) - {spec.key for spec in specs})
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(unknown)}")
    home = _home(specs, env, given)
    from_file = _read_file(home / SETTINGS_FILE, specs)
    values: dict[str, Any] = {"home": home}
    for spec in specs:
        if spec.key != "home":
            raw, source = _pick(spec, given, env, from_file)
            values[spec.key] = spec.parse(raw, Origin(source, home))
    return values


def _pick(
    spec: SettingSpec, given: Mapping[str, Any], env: Mapping[str, str], from_file: Mapping[str, Any]
) -> tuple[Any, Source]:
    if spec.key in given:
        return given[spec.key], "argument"
    if spec.env in env:
        return env[spec.env], "environment"
    if spec.key in from_file:
        return from_file[spec.key], "file"
    return spec.default, "default"


def _home(specs: tuple[SettingSpec, ...], env: Mapping[str, str], given: Mapping[str, Any]) -> Path:
    spec = next(spec for spec in specs if spec.key == "home")
    if str(given.get("home", "")).strip():
        return Path(spec.parse(given["home"], Origin("argument", Path.home())))
    if env.get(spec.env, "").strip():  # empty means unset: never the working folder
        return Path(spec.parse(env[spec.env], Origin("environment", Path.home())))
    return Path(spec.parse(spec.default, Origin("default", Path.home())))


def _read_file(path: Path, specs: tuple[SettingSpec, ...]) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingError.unreadable_file(path, str(exc)) from exc
    known = [spec.key for spec in specs if spec.key != "home"]
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise SettingError.unknown_keys(path, unknown, known)
    return data
