"""JSON documents as a type: what an evaluation line, a verification report or an audit record's
free-form part holds. mypy checks that only JSON goes in (a ``datetime`` or a dataclass is an error
here, not a ``TypeError`` in ``json.dumps`` later); values are read-only views, so any mapping or
sequence of JSON values fits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

JsonValue: TypeAlias = str | int | float | bool | Sequence["JsonValue"] | Mapping[str, "JsonValue"] | None
JsonObject: TypeAlias = dict[str, JsonValue]
