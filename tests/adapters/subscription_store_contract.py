"""The SubscriptionStore contract (혜택알리미): every implementation inherits this class and
provides a ``subscription_store`` fixture. Each alert is claimed once; a released claim can be
claimed again; unsubscribing is by token hash and forgets the address."""

from __future__ import annotations

from datetime import date

import pytest

from biseo.services.benefits.ports import Subscription

DAY = date(2026, 11, 23)


class SubscriptionStoreContract:
    def test_subscription_store_claims_each_alert_once(self, subscription_store):
        store = subscription_store
        store.add_subscription(Subscription("s1", {"sido": "11"}, "email", "a@example.com"), "hash-1")
        assert [s.id for s in store.active_subscriptions()] == ["s1"]
        keys = [("svc", "new", ""), ("svc", "opens", "2026-11-25")]
        assert store.claim_alerts("s1", keys) == keys
        assert store.claim_alerts("s1", keys) == []
        store.release_alerts("s1", keys[:1])
        assert store.claim_alerts("s1", keys) == keys[:1]
        store.mark_run("s1", DAY)
        assert store.active_subscriptions()[0].last_run == DAY
        assert store.deactivate("hash-1") and not store.deactivate("hash-1")
        assert store.active_subscriptions() == []

    def test_subscriptions_round_trip_and_are_kept_apart(self, subscription_store):
        store = subscription_store
        first = Subscription("s1", {"sido": "11", "birth": "1961-12-10"}, "email", "a@example.com")
        second = Subscription("s2", {"sido": "26"}, "webhook", "https://example.go.kr/hook")
        store.add_subscription(second, "hash-2")
        store.add_subscription(first, "hash-1")
        assert store.active_subscriptions() == [first, second]
        assert store.claim_alerts("s1", [("svc", "new", "")]) == [("svc", "new", "")]
        assert store.claim_alerts("s2", [("svc", "new", "")]) == [("svc", "new", "")]
        assert not store.deactivate("hash-unknown")
        assert store.deactivate("hash-1") and store.active_subscriptions() == [second]

    def test_a_second_subscription_with_the_same_id_is_refused(self, subscription_store):
        store = subscription_store
        store.add_subscription(Subscription("s1", {}, "email", "a@example.com"), "hash-1")
        with pytest.raises(Exception):  # noqa: B017 - each driver raises its own IntegrityError
            store.add_subscription(Subscription("s1", {}, "email", "b@example.com"), "hash-2")
        assert [s.address for s in store.active_subscriptions()] == ["a@example.com"]
