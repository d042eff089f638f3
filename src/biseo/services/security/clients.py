"""API 이용 기관: programs that call the API, each with a key shown once and kept only hashed."""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from biseo.domain.errors import InvalidInput, NotFound
from biseo.domain.security.access import ApiClient, Scope, client_key_hash
from biseo.services.security.ports import ApiClientStore

_NAME = re.compile(r"^[\w.\-가-힣]{1,64}$")
BOOTSTRAP_PREFIX = "BISEO_API_KEYS"
_TOUCH_EVERY = timedelta(minutes=1)  # "last use" to the minute is enough


class ApiClients:
    def __init__(
        self, store: ApiClientStore, clock: Callable[[], datetime], bootstrap_keys: Sequence[str] = ()
    ) -> None:
        """``bootstrap_keys``: ``BISEO_API_KEYS``, each a client with every scope (for a first start)."""
        self.store = store
        self.clock = clock
        self.bootstrap_keys = tuple(k for k in bootstrap_keys if k)

    def add(self, name: str, scopes: Sequence[Scope]) -> str:
        """Register a client; the key is returned once and stored as its hash."""
        if not _NAME.match(name):
            raise InvalidInput(
                f"bad client name {name!r}",
                message_ko="이용 기관 이름은 64자 이내의 글자·숫자·.-_ 로 써 주세요.",
            )
        if not scopes:
            raise InvalidInput(
                "no scope", message_ko="권한(--scope)을 하나 이상 정해 주세요: read, ingest, admin"
            )
        if any(c.name == name and c.active for c in self.store.clients()):
            raise InvalidInput(f"client {name} exists", message_ko="이미 등록된 이용 기관입니다.")
        key = "bsk_" + secrets.token_urlsafe(32)
        self.store.add_client(ApiClient(name, frozenset(scopes), self.clock()), client_key_hash(key))
        return key

    def list(self) -> list[ApiClient]:
        return self.store.clients()

    def revoke(self, name: str) -> None:
        if not self.store.revoke_client(name, self.clock()):
            raise NotFound(
                f"no active client {name}", message_ko="그런 이름의 사용 중인 이용 기관이 없습니다."
            )

    def configured(self) -> bool:
        """Whether any key exists: with none, the API runs as a single-machine demo (loopback only)."""
        return bool(self.bootstrap_keys) or any(c.active for c in self.store.clients())

    def authenticate(self, key: str) -> ApiClient | None:
        """The active client holding ``key`` (its last use recorded), or None."""
        for i, known in enumerate(self.bootstrap_keys, start=1):
            if hmac.compare_digest(key.encode(), known.encode()):
                return ApiClient(f"{BOOTSTRAP_PREFIX}#{i}", frozenset(Scope), self.clock())
        client = self.store.client_by_key(client_key_hash(key))
        if client is None or not client.active:
            return None
        now = self.clock()
        if client.last_used_at is None or now - client.last_used_at >= _TOUCH_EVERY:
            self.store.touch_client(client.name, now)  # not a write on every request of a busy client
        return client
