"""``SettingError``: a bad setting, named with its value and what it accepts (Korean for people, English for logs).

It is an ``InvalidInput`` (the command line exits 2) and a ``ValueError`` (what callers caught before).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from biseo.domain.errors import InvalidInput

if TYPE_CHECKING:
    from biseo.config.checks import Origin
    from biseo.config.spec import SettingSpec


class SettingError(InvalidInput, ValueError):
    def __init__(self, detail: str, message_ko: str, *, name: str = "") -> None:
        super().__init__(detail, message_ko=message_ko)
        self.name = name

    @classmethod
    def invalid(cls, spec: SettingSpec, raw: Any, origin: Origin) -> SettingError:
        accepted_en, accepted_ko = spec.accepts()
        shown = "(hidden)" if spec.secret else repr(raw)
        where_en, where_ko = _where(spec, origin)
        return cls(
            f"{spec.env}{where_en} must be {accepted_en}, not {shown}",
            f"설정 {spec.env}{where_ko}의 값 {shown}은(는) 쓸 수 없습니다(허용: {accepted_ko}).",
            name=spec.env,
        )

    @classmethod
    def unreadable_file(cls, path: Path, reason: str) -> SettingError:
        return cls(
            f"settings file {path} cannot be read: {reason}",
            f"설정 파일 {path}을(를) 읽을 수 없습니다: {reason}",
            name=str(path),
        )

    @classmethod
    def unknown_keys(cls, path: Path, keys: list[str], known: list[str]) -> SettingError:
        unknown = ", ".join(keys)
        near = sorted({match for key in keys for match in difflib.get_close_matches(key, known, n=1)})
        hint_en = f"; did you mean {', '.join(near)}?" if near else ""
        hint_ko = f" 혹시 {', '.join(near)}?" if near else ""
        return cls(
            f"settings file {path} has unknown keys: {unknown} (see docs/settings.md){hint_en}",
            f"설정 파일 {path}에 모르는 항목이 있습니다: {unknown} (docs/settings.md 참고).{hint_ko}",
            name=str(path),
        )


def _where(spec: SettingSpec, origin: Origin) -> tuple[str, str]:
    if origin.source == "file":
        file = origin.home / "biseo.toml"
        return f" (key {spec.key} in {file})", f"({file}의 {spec.key})"
    if origin.source == "argument":
        return f" (argument {spec.key})", f"(인자 {spec.key})"
    return "", ""
