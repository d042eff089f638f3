"""Services on SQLite or PostgreSQL with one 민원총괄 registered under the key ``key-coord``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from biseo.bootstrap import Services, build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role

COORDINATOR_KEY = "key-coord"


def services_with_coordinator(home: Path, database_url: str = "", **settings: object) -> Services:
    services = build_services(Settings.load(home=home, database_url=database_url, **settings))
    coordinator = Staff("coord", "총괄", "중구", None, Role.COORDINATOR)
    services.complaints.register_staff(coordinator, hashlib.sha256(COORDINATOR_KEY.encode()).hexdigest())
    return services
