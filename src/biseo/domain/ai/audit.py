"""AI 산출물 감사 기록: every AI output with its pseudonymized input, sources, model, settings,
prompt version and verification result; later the official's final text, kept as a diff."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: str
    agency: str  # only this agency's staff may read it
    actor: str
    kind: str  # summary | reply | report | press_release
    created_at: datetime
    input: str  # pseudonymized
    output: str  # pseudonymized
    sources: list[dict[str, Any]]
    model: str | None  # None: deterministic (template or extractive) mode
    settings: dict[str, Any]
    prompt: str | None  # prompt file version and hash, e.g. reply.v1@3f2a…
    verification: dict[str, Any]
    finals: list[FinalText] = field(default_factory=list)

    def headline(self) -> dict[str, Any]:
        """What a listing shows of a record (no texts)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "actor": self.actor,
            "created_at": self.created_at.isoformat(),
            "model": self.model,
            "prompt": self.prompt,
            "verification": self.verification,
        }

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat()
        for final in data["finals"]:
            final["created_at"] = final["created_at"].isoformat()
        return data


@dataclass(frozen=True, slots=True)
class FinalText:
    actor: str
    text: str  # pseudonymized
    diff: str  # unified diff from the AI output to this text
    created_at: datetime


def text_diff(before: str, after: str) -> str:
    return "\n".join(
        difflib.unified_diff(before.splitlines(), after.splitlines(), "AI 초안", "최종본", lineterm="", n=1)
    )
