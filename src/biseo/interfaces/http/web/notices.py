"""The one-line result a case page shows after a form (처리 완료 / 오류): carried in the redirect with
an HMAC under the installation secret, so a link from outside cannot put its own text in the
official's alert box (a phishing message on a trusted page)."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

from fastapi import Request

from biseo.interfaces.http.deps import services_of


def _seal(request: Request, kind: str, text: str) -> str:
    key = hmac.new(services_of(request).installation_secret, b"biseo page notice", hashlib.sha256).digest()
    return hmac.new(key, f"{kind}\n{text}".encode(), hashlib.sha256).hexdigest()[:24]


def case_url(request: Request, case_id: str, kind: str, text: str) -> str:
    """``kind``: ``done`` or ``error``."""
    return f"/complaints/{quote(case_id)}?{kind}={quote(text)}&sig={_seal(request, kind, text)}"


def verified(request: Request, kind: str, text: str, sig: str) -> str:
    """``text`` when biseo wrote it, else nothing."""
    return text if text and hmac.compare_digest(sig, _seal(request, kind, text)) else ""
