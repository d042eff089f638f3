"""The 혜택알리미 subscription store contract on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from biseo.adapters.storage.benefit_store import SqlSubscriptionStore
from tests.adapters.subscription_store_contract import SubscriptionStoreContract

pytestmark = pytest.mark.integration


class TestSqliteSubscriptionStore(SubscriptionStoreContract):
    @pytest.fixture
    def subscription_store(self, sqlite_database):
        return SqlSubscriptionStore(sqlite_database)


@pytest.mark.postgres
class TestPostgresSubscriptionStore(SubscriptionStoreContract):
    @pytest.fixture
    def subscription_store(self, postgres_database):
        return SqlSubscriptionStore(postgres_database)
