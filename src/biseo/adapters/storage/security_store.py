"""API clients, abuse-limit counters and the request log, in SQL (both dialects).

A counter is one row per bucket: a hit in the same window adds one, a hit in a later window starts
again at one — a single upsert, so concurrent servers never lose a count.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from biseo.adapters.storage.database import Database
from biseo.domain.security.access import ApiClient, Scope
from biseo.services.security.ports import AccessEntry

_CLIENT_COLUMNS = "name, scopes, created_at, last_used_at, revoked_at"


class SqlSecurityStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    # --- API clients ---------------------------------------------------------------------
    def add_client(self, client: ApiClient, key_hash: str) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                "INSERT INTO api_clients (key_hash, name, scopes, created_at) VALUES (?, ?, ?, ?)",
                (key_hash, client.name, ",".join(sorted(client.scopes)), client.created_at.isoformat()),
            )

    def client_by_key(self, key_hash: str) -> ApiClient | None:
        row = self._db.reader().one(
            f"SELECT {_CLIENT_COLUMNS} FROM api_clients WHERE key_hash = ?", (key_hash,)
        )
        return _client(row) if row else None

    def clients(self) -> list[ApiClient]:
        rows = self._db.reader().all(f"SELECT {_CLIENT_COLUMNS} FROM api_clients ORDER BY name, created_at")
        return [_client(r) for r in rows]

    def revoke_client(self, name: str, at: datetime) -> bool:
        with self._db.unit_of_work() as cur:
            result = cur.execute(
                "UPDATE api_clients SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                (at.isoformat(), name),
            )
            return bool(result.rowcount)

    def touch_client(self, name: str, at: datetime) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                "UPDATE api_clients SET last_used_at = ? WHERE name = ? AND revoked_at IS NULL",
                (at.isoformat(), name),
            )

    # --- abuse-limit counters ------------------------------------------------------------
    def hit(self, bucket: str, window_start: int) -> int:
        with self._db.unit_of_work() as cur:
            row = cur.one(
                "INSERT INTO rate_counters (bucket, window_start, count) VALUES (?, ?, 1) "
                "ON CONFLICT (bucket) DO UPDATE SET "
                "count = CASE WHEN rate_counters.window_start = excluded.window_start "
                "THEN rate_counters.count + 1 ELSE 1 END, window_start = excluded.window_start "
                "RETURNING count",
                (bucket, window_start),
            )
        return int(row[0]) if row else 1

    def count(self, bucket: str, window_start: int) -> int:
        row = self._db.reader().one(
            "SELECT count FROM rate_counters WHERE bucket = ? AND window_start = ?", (bucket, window_start)
        )
        return int(row[0]) if row else 0

    # --- request log ---------------------------------------------------------------------
    def add_access(self, entry: AccessEntry) -> None:
        with self._db.unit_of_work() as cur:
            cur.execute(
                "INSERT INTO access_log (at, principal, method, path, status, address) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    entry.at.isoformat(),
                    entry.principal,
                    entry.method,
                    entry.path,
                    entry.status,
                    entry.address,
                ),
            )

    def accesses(self, principal: str | None, limit: int) -> list[AccessEntry]:
        where, params = ("WHERE principal = ?", (principal,)) if principal else ("", ())
        rows = self._db.reader().all(
            f"SELECT at, principal, method, path, status, address FROM access_log {where} ORDER BY id DESC LIMIT ?",
            (*params, limit),
        )
        return [AccessEntry(_time(r[0]), r[1], r[2], r[3], int(r[4]), r[5]) for r in rows]


def _client(r: tuple[Any, ...]) -> ApiClient:
    scopes = frozenset(Scope(s) for s in str(r[1]).split(",") if s)
    return ApiClient(r[0], scopes, _time(r[2]), _time(r[3]) if r[3] else None, _time(r[4]) if r[4] else None)


def _time(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
