"""What a setting accepts beyond its type: a range, a list of choices, a URL scheme, paths.

Each check turns an already typed value into its normal form or raises ``Rejected``, and describes
what it accepts in English (logs, docs) and Korean (the message people read).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

# src/biseo/config/checks.py → the checkout's root; the package is installed editable (-e) from it, so
# the demo data in the repository's demo/ folder is found from here whatever the working folder is.
SOURCE_ROOT = Path(__file__).resolve().parents[3]


Source = Literal["default", "environment", "file", "argument"]


class Rejected(Exception):
    """The value is of the right type but outside what the setting accepts."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value came from: ``default``, ``environment``, ``file`` (biseo.toml) or ``argument``."""

    source: Source
    home: Path


class Check(Protocol):
    def normalize(self, value: Any, origin: Origin) -> Any: ...

    def accepts(self, kind: type) -> tuple[str, str]:
        """(English, Korean) description of the accepted values."""
        ...


def type_words(kind: type) -> tuple[str, str]:
    if kind is int:
        return "an integer", "정수"
    if kind is float:
        return "a number", "숫자"
    if kind is tuple:
        return "a comma-separated list", "쉼표로 구분한 목록"
    return "text", "글자"


@dataclass(frozen=True, slots=True)
class Range:
    """``minimum ≤ value ≤ maximum`` (either end optional); ``above`` is an open lower bound."""

    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None

    def normalize(self, value: Any, origin: Origin) -> Any:
        too_low = (self.minimum is not None and value < self.minimum) or (
            self.above is not None and value <= self.above
        )
        if too_low or (self.maximum is not None and value > self.maximum):
            raise Rejected
        return value

    def accepts(self, kind: type) -> tuple[str, str]:
        en, ko = type_words(kind)
        low, high, above = (_number(self.minimum), _number(self.maximum), _number(self.above))
        if low and high:
            return f"{en} from {low} to {high}", f"{low}부터 {high}까지의 {ko}"
        if above:
            return f"{en} greater than {above}", f"{above}보다 큰 {ko}"
        if low:
            return f"{en} of at least {low}", f"{low} 이상의 {ko}"
        return f"{en} of at most {high}", f"{high} 이하의 {ko}"


def _number(bound: float | None) -> str:
    return "" if bound is None else f"{bound:g}"


@dataclass(frozen=True, slots=True)
class Choices:
    """One of a few words, compared without case or surrounding spaces; stored as written here."""

    values: tuple[str, ...]

    def normalize(self, value: Any, origin: Origin) -> Any:
        folded = {choice.lower(): choice for choice in self.values}
        try:
            return folded[str(value).strip().lower()]
        except KeyError:
            raise Rejected from None

    def accepts(self, kind: type) -> tuple[str, str]:
        listed = ", ".join(self.values)
        return f"one of {listed}", f"{listed} 중 하나"


@dataclass(frozen=True, slots=True)
class Url:
    """Empty (the feature is off) or an absolute URL with one of ``schemes``."""

    schemes: tuple[str, ...] = ("http", "https")
    needs_host: bool = True

    def normalize(self, value: Any, origin: Origin) -> Any:
        text = str(value).strip()
        if not text:
            return ""
        written = text.startswith(tuple(f"{scheme}://" for scheme in self.schemes))
        if not written or (self.needs_host and not urlsplit(text).netloc):
            raise Rejected
        return text

    def accepts(self, kind: type) -> tuple[str, str]:
        prefixes = " or ".join(f"{scheme}://…" for scheme in self.schemes)
        prefixes_ko = " 또는 ".join(f"{scheme}://…" for scheme in self.schemes)
        return f"empty or a URL {prefixes}", f"빈 값 또는 {prefixes_ko} 형식의 주소"


@dataclass(frozen=True, slots=True)
class Paths:
    """A path (``many``: paths separated by ``os.pathsep``), ``~`` expanded.

    A relative path in a default is taken from ``base`` (``home``: $BISEO_HOME, ``source``: the
    checkout the package runs from), in biseo.toml from the file's folder, and on the command line or
    in the environment from where the user stands, as they typed it. Never rejects a value.
    """

    base: Literal["home", "source"] = "home"
    many: bool = False

    def normalize(self, value: Any, origin: Origin) -> Any:
        parts = str(value).split(os.pathsep) if self.many else [str(value)]
        return os.pathsep.join(self._resolve(part.strip(), origin) for part in parts if part.strip())

    def _resolve(self, part: str, origin: Origin) -> str:
        path = Path(part).expanduser()
        if path.is_absolute() or origin.source in ("environment", "argument"):
            return str(path)
        if origin.source == "file":
            return str(origin.home / path)
        return str((SOURCE_ROOT if self.base == "source" else origin.home) / path)

    def accepts(self, kind: type) -> tuple[str, str]:
        if self.many:
            return f"paths separated by '{os.pathsep}'", f"'{os.pathsep}'로 구분한 경로"
        return "a path", "경로"


def finite(value: float) -> bool:
    return not (math.isnan(value) or math.isinf(value))
