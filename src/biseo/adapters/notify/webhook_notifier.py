"""Webhook notices: a JSON POST (e.g. to a 메신저 bot or the 새올 integration), signed with HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request
from typing import Any

from biseo.services.complaints.ports import NotificationFailed


class WebhookNotifier:
    channel = "webhook"

    def __init__(self, url: str, secret: str = "", timeout: float = 10.0) -> None:
        self.url, self.secret, self.timeout = url, secret, timeout

    def send(self, recipient: str | None, subject: str, body: str, payload: dict[str, Any]) -> None:
        data = json.dumps({**payload, "subject": subject}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.secret:
            signature = hmac.new(self.secret.encode(), data, hashlib.sha256).hexdigest()
            headers["X-Biseo-Signature"] = f"sha256={signature}"
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if not 200 <= response.status < 300:
                    raise NotificationFailed(f"webhook answered {response.status}")
        except (urllib.error.URLError, OSError) as exc:
            raise NotificationFailed(f"webhook {type(exc).__name__}: {exc}") from exc
