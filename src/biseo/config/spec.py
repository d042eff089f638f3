"""One declaration per setting: ``setting(default, English, Korean, check=…)`` on a ``Settings`` field.

The field's name gives the key (``port``) and the variable (``BISEO_PORT``), its default gives the type;
``SettingSpec`` reads a declaration back, parses raw text into the type and runs the check.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from biseo.config.checks import Check, Origin, Rejected, finite, type_words
from biseo.config.errors import SettingError

T = TypeVar("T")
_KEY = "biseo.setting"


@dataclass(frozen=True, slots=True)
class _Declared:
    help: str
    help_ko: str
    check: Check | None
    secret: bool


def setting(default: T, help: str, help_ko: str, *, check: Check | None = None, secret: bool = False) -> T:
    """A ``Settings`` field; ``secret`` values are never shown in messages."""
    declared = _Declared(help, help_ko, check, secret)
    return dataclasses.field(default=default, metadata={_KEY: declared})


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    default: Any
    help: str
    help_ko: str
    check: Check | None = None
    secret: bool = False

    @property
    def env(self) -> str:
        return "BISEO_" + self.key.upper()

    @property
    def kind(self) -> type:
        return Path if isinstance(self.default, Path) else type(self.default)

    def rejected(self, raw: Any, origin: Origin) -> SettingError:
        """The error for a value this setting does not accept, naming it and what it accepts."""
        accepted_en, accepted_ko = self.accepts()
        shown = "(hidden)" if self.secret else repr(raw)
        where_en, where_ko = _where(self, origin)
        return SettingError(
            f"{self.env}{where_en} must be {accepted_en}, not {shown}",
            f"설정 {self.env}{where_ko}의 값 {shown}은(는) 쓸 수 없습니다(허용: {accepted_ko}).",
            name=self.env,
        )

    def accepts(self) -> tuple[str, str]:
        return self.check.accepts(self.kind) if self.check else type_words(self.kind)

    def parse(self, raw: Any, origin: Origin) -> Any:
        """The typed, checked value of ``raw``; ``SettingError`` names the setting and what it accepts."""
        try:
            value = _coerce(self.kind, raw)
            return self.check.normalize(value, origin) if self.check else value
        except (Rejected, ValueError, TypeError):
            raise self.rejected(raw, origin) from None


def specs_of(cls: type) -> tuple[SettingSpec, ...]:
    specs = []
    for field in dataclasses.fields(cls):
        declared = field.metadata[_KEY]
        specs.append(
            SettingSpec(
                field.name, field.default, declared.help, declared.help_ko, declared.check, declared.secret
            )
        )
    return tuple(specs)


def _coerce(kind: type, raw: Any) -> Any:
    if isinstance(raw, bool):  # TOML true/false is never a number or a name here
        raise TypeError(raw)
    if kind is int:
        return raw if isinstance(raw, int) else int(str(raw).strip(), 10)
    if kind is float:
        value = float(raw.strip() if isinstance(raw, str) else raw)
        if not finite(value):
            raise ValueError(raw)
        return value
    if kind is Path:
        return Path(raw).expanduser()
    if kind is tuple:
        items = raw.split(",") if isinstance(raw, str) else list(raw)
        if not all(isinstance(item, str) for item in items):
            raise TypeError(raw)
        return tuple(item.strip() for item in items if item.strip())
    if not isinstance(raw, str):
        raise TypeError(raw)
    return raw


def _where(spec: SettingSpec, origin: Origin) -> tuple[str, str]:
    if origin.source == "file":
        file = origin.home / "biseo.toml"
        return f" (key {spec.key} in {file})", f"({file}의 {spec.key})"
    if origin.source == "argument":
        return f" (argument {spec.key})", f"(인자 {spec.key})"
    return "", ""
