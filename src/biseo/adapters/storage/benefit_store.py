"""혜택알리미 subscriptions and the alerts sent to them, in SQL (both dialects).

Only the unsubscribe token's SHA-256 is stored; an alert's key is its primary key, so a second
claim of the same alert finds it and nothing is sent twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from biseo.adapters.storage.codecs import from_json, to_date, to_json, utc_now
from biseo.adapters.storage.database import Database
from biseo.services.benefits.ports import Subscription

_COLUMNS = "id, profile, channel, address, active, last_run"


class SqlSubscriptionStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    def add_subscription(self, subscription: Subscription, token_hash: str) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                "INSERT INTO benefit_subscriptions (id, profile, channel, address, token_hash, active, created_at)"
                " VALUES (?, ?, ?, ?, ?, 1, ?)",
                (
                    subscription.id,
                    to_json(subscription.profile),
                    subscription.channel,
                    subscription.address,
                    token_hash,
                    utc_now(),
                ),
            )

    def deactivate(self, token_hash: str) -> bool:
        with self._db.unit_of_work() as cur:
            result = cur.execute(
                "UPDATE benefit_subscriptions SET active = 0, address = NULL WHERE token_hash = ? AND active = 1",
                (token_hash,),
            )
            return bool(result.rowcount == 1)

    def active_subscriptions(self) -> list[Subscription]:
        rows = self._db.reader().all(
            f"SELECT {_COLUMNS} FROM benefit_subscriptions WHERE active = 1 ORDER BY id"
        )
        return [Subscription(r[0], from_json(r[1]), r[2], r[3], bool(r[4]), to_date(r[5])) for r in rows]

    def claim_alerts(
        self, subscription_id: str, keys: Sequence[tuple[str, str, str]]
    ) -> list[tuple[str, str, str]]:
        claimed = []
        with self._db.unit_of_work() as cur:
            for service_id, kind, key in keys:
                if cur.one(
                    "SELECT 1 FROM benefit_alerts WHERE subscription_id = ? AND service_id = ? AND kind = ? AND alert_key = ?",
                    (subscription_id, service_id, kind, key),
                ):
                    continue
                cur.execute(
                    "INSERT INTO benefit_alerts (subscription_id, service_id, kind, alert_key, sent_at) VALUES (?, ?, ?, ?, ?)",
                    (subscription_id, service_id, kind, key, utc_now()),
                )
                claimed.append((service_id, kind, key))
        return claimed

    def release_alerts(self, subscription_id: str, keys: Sequence[tuple[str, str, str]]) -> None:
        with self._db.unit_of_work() as cur:
            for service_id, kind, key in keys:
                cur.execute(
                    "DELETE FROM benefit_alerts WHERE subscription_id = ? AND service_id = ? AND kind = ? AND alert_key = ?",
                    (subscription_id, service_id, kind, key),
                )

    def mark_run(self, subscription_id: str, day: date) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                "UPDATE benefit_subscriptions SET last_run = ? WHERE id = ?",
                (day.isoformat(), subscription_id),
            )
