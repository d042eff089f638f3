"""``SettingError``: a bad setting, named with its value and what it accepts (Korean for people, English for logs).

It is an ``InvalidInput`` (the command line exits 2) and a ``ValueError`` (what callers caught before).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from biseo.domain.errors import InvalidInput


class SettingError(InvalidInput, ValueError):
    def __init__(self, detail: str, message_ko: str, *, name: str = "") -> None:
        super().__init__(detail, message_ko=message_ko)
        self.name = name

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
