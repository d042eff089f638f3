"""Prompts live in versioned files (``biseo/prompts/NAME.vN.txt``); the audit trail records the
version and a hash of the exact text used."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    version: str  # reply.v1
    text: str

    @property
    def fingerprint(self) -> str:
        return f"{self.version}@{hashlib.sha256(self.text.encode()).hexdigest()[:12]}"


def load_prompt(name: str, version: int = 1) -> Prompt:
    label = f"{name}.v{version}"
    text = resources.files("biseo.prompts").joinpath(f"{label}.txt").read_text(encoding="utf-8")
    return Prompt(name, label, text.strip())
