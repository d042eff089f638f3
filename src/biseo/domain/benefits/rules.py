"""A service's eligibility rule: a tree of "all of" / "any of" groups over conditions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from biseo.domain.benefits.conditions import Condition, Manual


class Origin(StrEnum):
    REVIEWED = "reviewed"  # written or checked by a policy officer (shipped YAML)
    STRUCTURED = "structured"  # converted exactly from structured fields (온통청년, 보조금24 지원조건)
    EXTRACTED = "extracted"  # drafted from 지원대상 text by the deterministic parser


@dataclass(frozen=True, slots=True)
class Group:
    mode: str  # "all" | "any"
    items: tuple[Node, ...]

    def __post_init__(self) -> None:
        if self.mode not in ("all", "any"):
            raise ValueError(f"group mode must be all or any, not {self.mode}")


Node = Condition | Group


@dataclass(frozen=True, slots=True)
class ServiceRule:
    service_id: str
    root: Group
    origin: Origin = Origin.EXTRACTED
    version: int = 1
    updated: date | None = None

    def conditions(self) -> Iterator[Condition]:
        yield from _walk(self.root)

    def checkable(self) -> list[Condition]:
        """Conditions a machine decides from the profile (everything but free text)."""
        return [c for c in self.conditions() if not isinstance(c, Manual)]


def _walk(node: Node) -> Iterator[Condition]:
    if isinstance(node, Group):
        for item in node.items:
            yield from _walk(item)
    else:
        yield node
