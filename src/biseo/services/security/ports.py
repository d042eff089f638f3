"""Where API clients, limit counters and the request log live (one SQL store implements all three)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from biseo.domain.security.access import ApiClient


class ApiClientStore(Protocol):
    def add_client(self, client: ApiClient, key_hash: str) -> None: ...

    def client_by_key(self, key_hash: str) -> ApiClient | None: ...

    def clients(self) -> list[ApiClient]: ...

    def revoke_client(self, name: str, at: datetime) -> bool: ...

    def touch_client(self, name: str, at: datetime) -> None: ...


class CounterStore(Protocol):
    def hit(self, bucket: str, window_start: int) -> int:
        """Count one request in ``bucket``'s window (a new window starts at 1); the new count."""
        ...

    def count(self, bucket: str, window_start: int) -> int: ...


@dataclass(frozen=True, slots=True)
class AccessEntry:
    """One request by a staff member or an API client (citizens' requests are not logged by name)."""

    at: datetime
    principal: str  # client:NAME | staff:ID | anonymous
    method: str
    path: str
    status: int
    address: str


class AccessLogStore(Protocol):
    def add_access(self, entry: AccessEntry) -> None: ...

    def accesses(self, principal: str | None, limit: int) -> list[AccessEntry]: ...
