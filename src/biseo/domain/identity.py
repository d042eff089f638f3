"""Stable identities: a document is named by the SHA-256 of its source bytes."""

from __future__ import annotations

import hashlib

ID_LENGTH = 32  # hex characters: 128 bits is plenty against accidental collisions


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:ID_LENGTH]


def is_content_id(value: str) -> bool:
    return len(value) == ID_LENGTH and all(c in "0123456789abcdef" for c in value)
