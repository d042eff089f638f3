"""The sign-in cookie of the web pages: a signed, expiring token, never the official's key.

The token names the staff key by its SHA-256 (what the store already keeps) and carries an expiry;
an HMAC under a key derived from the installation secret seals both. A copied cookie therefore
stops working when it expires, a leaked one never reveals the key itself, and a changed cookie
(another official's hash, a later expiry) fails the seal. The API keeps ``X-Staff-Key`` for
programs; only browsers get cookies.
"""

from __future__ import annotations

import hashlib
import hmac
import re

SESSION_SECONDS = 8 * 3600  # one working day
_TOKEN = re.compile(r"^([0-9a-f]{64})\.([0-9]{1,12})\.([0-9a-f]{64})$")


def session_key(installation_secret: bytes) -> bytes:
    """A key of its own for sessions, so that a session seal is never valid anywhere else."""
    return hmac.new(installation_secret, b"biseo web session", hashlib.sha256).digest()


def issue(key: bytes, staff_key_hash: str, now: float, seconds: int = SESSION_SECONDS) -> str:
    expires = int(now) + seconds
    return f"{staff_key_hash}.{expires}.{_seal(key, staff_key_hash, expires)}"


def staff_key_hash(key: bytes, token: str, now: float) -> str | None:
    """The staff key's hash the token vouches for, or None when it is malformed, altered or expired."""
    match = _TOKEN.match(token)
    if match is None:
        return None
    hashed, expires, seal = match.group(1), int(match.group(2)), match.group(3)
    if not hmac.compare_digest(seal, _seal(key, hashed, expires)) or expires <= now:
        return None
    return hashed


def _seal(key: bytes, staff_key_hash: str, expires: int) -> str:
    return hmac.new(key, f"{staff_key_hash}.{expires}".encode(), hashlib.sha256).hexdigest()
