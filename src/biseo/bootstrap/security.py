"""Wiring of the security feature: API clients, abuse limits and the request log on the main
database (builds only on ``bootstrap.adapters``)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from biseo.config import Settings
from biseo.services.security.clients import ApiClients
from biseo.services.security.limits import RateLimiter
from biseo.services.security.ports import AccessLogStore

if TYPE_CHECKING:
    from biseo.adapters.storage.database import Database


def build_api_clients(settings: Settings, database: Database) -> ApiClients:
    from biseo.adapters.storage.security_store import SqlSecurityStore

    return ApiClients(SqlSecurityStore(database), lambda: datetime.now(UTC), settings.api_keys)


def build_limiter(database: Database) -> RateLimiter:
    from biseo.adapters.storage.security_store import SqlSecurityStore

    return RateLimiter(SqlSecurityStore(database), time.time)


def build_access_log(database: Database) -> AccessLogStore:
    from biseo.adapters.storage.security_store import SqlSecurityStore

    return SqlSecurityStore(database)


def api_keys_configured(settings: Settings) -> bool:
    """Whether any API key exists (``BISEO_API_KEYS`` or an active ``biseo keys`` client); opens
    only the database."""
    from biseo.bootstrap.adapters import build_database

    database = build_database(settings)
    try:
        return build_api_clients(settings, database).configured()
    finally:
        database.close()
