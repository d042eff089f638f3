"""혜택알리미: subscriptions for a profile, and one digest per subscriber when something changes.

Each run evaluates every active profile today and a month ahead, turns the differences and the
application periods into alerts, claims the ones never sent, and sends them in one message with an
unsubscribe link. A failed send releases its claims, so the next run retries. Messages carry service
names and links only: no profile data, no address of anyone else.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from biseo.domain.benefits.alerts import LOOKAHEAD_DAYS, Alert, alerts_for
from biseo.domain.benefits.conditions import Truth
from biseo.domain.benefits.evaluation import STATUS_OF_TRUTH
from biseo.domain.benefits.profile import profile_from_mapping, profile_to_mapping
from biseo.domain.errors import InvalidInput
from biseo.services.benefits.ports import Subscription, SubscriptionStore
from biseo.services.benefits.service import BenefitService
from biseo.services.complaints.ports import NotificationFailed, Notifier

log = logging.getLogger(__name__)


@dataclass
class AlertRun:
    subscriptions: int = 0
    messages: int = 0
    alerts: int = 0
    failures: list[str] = field(default_factory=list)


class BenefitAlerts:
    def __init__(
        self,
        store: SubscriptionStore,
        benefits: BenefitService,
        notifiers: Mapping[str, Notifier],
        secret: bytes,
        public_url: str = "",
    ) -> None:
        self.store, self.benefits, self.notifiers = store, benefits, notifiers
        self._secret = secret
        self.public_url = public_url.rstrip("/")

    def subscribe(
        self, profile: Mapping[str, Any], *, email: str | None = None, webhook: bool = False
    ) -> tuple[str, str]:
        """A new subscription; returns its id and the unsubscribe token (shown once, stored hashed)."""
        parsed = profile_from_mapping(profile)
        if email is not None and ("@" not in email or len(email) > 254 or any(c.isspace() for c in email)):
            raise InvalidInput("bad e-mail address", message_ko="전자우편 주소가 올바르지 않습니다.")
        channel = "webhook" if webhook else "email"
        if channel == "email" and not email:
            raise InvalidInput("no e-mail address", message_ko="알림을 받을 전자우편 주소를 입력해 주세요.")
        if channel not in self.notifiers:
            raise InvalidInput(
                f"{channel} notices are not configured",
                message_ko="이 설치에서는 해당 알림 방식을 쓸 수 없습니다.",
            )
        subscription = Subscription(secrets.token_hex(8), profile_to_mapping(parsed), channel, email)
        token = self.token(subscription.id)
        self.store.add_subscription(subscription, _hash(token))
        return subscription.id, token

    def token(self, subscription_id: str) -> str:
        """The unsubscribe token: an HMAC of the id under the installation secret (the store keeps its hash)."""
        return hmac.new(self._secret, f"unsubscribe:{subscription_id}".encode(), hashlib.sha256).hexdigest()[
            :40
        ]

    def unsubscribe(self, token: str) -> bool:
        return self.store.deactivate(_hash(token))

    def run(self, day: date) -> AlertRun:
        summary = AlertRun()
        services = {s.id: s for s in self.benefits.services}
        for subscription in self.store.active_subscriptions():
            summary.subscriptions += 1
            profile = profile_from_mapping(subscription.profile)
            now = self._statuses(profile, day)
            later = self._statuses(profile, day + timedelta(days=LOOKAHEAD_DAYS))
            alerts = alerts_for(services, now, later, day)
            claimed = set(
                self.store.claim_alerts(subscription.id, [(a.service_id, str(a.kind), a.key) for a in alerts])
            )
            fresh = [a for a in alerts if (a.service_id, str(a.kind), a.key) in claimed]
            if fresh:
                try:
                    self._send(subscription, fresh, services)
                except NotificationFailed as exc:
                    self.store.release_alerts(subscription.id, sorted(claimed))
                    summary.failures.append(f"{subscription.id}: {exc}")
                    log.warning("benefit alert for subscription %s not sent: %s", subscription.id, exc)
                    continue
                summary.messages += 1
                summary.alerts += len(fresh)
            self.store.mark_run(subscription.id, day)
        return summary

    def _statuses(self, profile: Any, day: date) -> dict[str, Any]:
        truths = self.benefits.screen_truths(profile, day)
        return {
            s.id: STATUS_OF_TRUTH[Truth(int(t))] for s, t in zip(self.benefits.services, truths, strict=True)
        }

    def _send(self, subscription: Subscription, alerts: Sequence[Alert], services: Mapping[str, Any]) -> None:
        notifier = self.notifiers[subscription.channel]
        lines = [
            f"- {a.text}" + (f"\n  {services[a.service_id].url}" if services[a.service_id].url else "")
            for a in alerts
        ]
        unsubscribe = f"{self.public_url}/benefits/unsubscribe?token={self.token(subscription.id)}"
        body = (
            "국민비서 혜택알리미입니다.\n\n"
            + "\n".join(lines)
            + "\n\n자격은 신청 기관에서 최종 확인합니다."
            + f"\n알림을 그만 받으려면: {unsubscribe}\n"
        )
        payload = {
            "type": "benefit_alerts",
            "subscription": subscription.id,
            "alerts": [
                {"service_id": a.service_id, "kind": str(a.kind), "key": a.key, "text": a.text}
                for a in alerts
            ],
        }
        notifier.send(subscription.address, f"[국민비서] 새 혜택 알림 {len(alerts)}건", body, payload)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
