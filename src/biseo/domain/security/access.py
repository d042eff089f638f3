"""접근 등급: every route is exactly one of three classes, declared once where the route is defined.

- ``PUBLIC``: citizens, no sign-in (benefits, 상담, participation as a citizen, health, API docs);
- ``STAFF``: an official, by the signed sign-in cookie (pages) or ``X-Staff-Key`` (programs), with
  the agency, department and role rules of ``domain.complaints.access``;
- ``CLIENT``: a program holding an API key with scopes (read, ingest, admin).

Nothing is trusted by the address a request comes from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Access(StrEnum):
    PUBLIC = "public"
    STAFF = "staff"
    CLIENT = "client"


class Scope(StrEnum):
    READ = "read"  # search, documents, lint, citation checks
    INGEST = "ingest"  # upload documents into the knowledge base
    ADMIN = "admin"  # everything a client may do


@dataclass(frozen=True, slots=True)
class Rule:
    """What a route asks of its caller: a class, and for API clients the scope."""

    access: Access
    scope: Scope | None = None

    def describe(self) -> str:
        return f"{self.access}:{self.scope}" if self.scope else str(self.access)


@dataclass(frozen=True, slots=True)
class ApiClient:
    """A program allowed to call the API (이용 기관·시스템), known by its key's hash."""

    name: str
    scopes: frozenset[Scope]
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def may(self, scope: Scope) -> bool:
        return self.active and (Scope.ADMIN in self.scopes or scope in self.scopes)


def client_key_hash(key: str) -> str:
    """How an API key is kept and looked up: its SHA-256, never the key itself."""
    return hashlib.sha256(key.encode()).hexdigest()
