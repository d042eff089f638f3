"""Ports of the benefits finder: a fast screen over compiled rules, and where 혜택알리미 subscriptions live."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from biseo.domain.benefits.profile import Profile
from biseo.domain.benefits.rules import ServiceRule


class Screen(Protocol):
    def truths(self, profile: Profile, day: date) -> Sequence[int]:
        """One ``Truth`` value per rule, in the order the screen was compiled with."""
        ...


ScreenFactory = Callable[[Sequence[ServiceRule]], Screen]


@dataclass(frozen=True, slots=True)
class Subscription:
    """혜택알리미 subscription: a profile (no name), how to reach the subscriber, nothing else."""

    id: str
    profile: dict[str, Any]
    channel: str  # email | webhook
    address: str | None
    active: bool = True
    last_run: date | None = None


class SubscriptionStore(Protocol):
    def add_subscription(self, subscription: Subscription, token_hash: str) -> None: ...

    def deactivate(self, token_hash: str) -> bool: ...

    def active_subscriptions(self) -> list[Subscription]: ...

    def claim_alerts(
        self, subscription_id: str, keys: Sequence[tuple[str, str, str]]
    ) -> list[tuple[str, str, str]]:
        """Record alerts (service, kind, key) as sent; returns those not sent before."""
        ...

    def release_alerts(self, subscription_id: str, keys: Sequence[tuple[str, str, str]]) -> None: ...

    def mark_run(self, subscription_id: str, day: date) -> None: ...
