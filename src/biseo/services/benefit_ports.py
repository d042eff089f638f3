"""Ports of the benefits finder: a fast screen over compiled rules (built by the wiring module)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from biseo.domain.benefits.profile import Profile
from biseo.domain.benefits.rules import ServiceRule


class Screen(Protocol):
    def truths(self, profile: Profile, day: date) -> Sequence[int]:
        """One ``Truth`` value per rule, in the order the screen was compiled with."""
        ...


ScreenFactory = Callable[[Sequence[ServiceRule]], Screen]
