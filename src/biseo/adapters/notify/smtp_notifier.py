"""E-mail notices through an SMTP relay (the office's mail server), UTF-8, with STARTTLS when offered."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from biseo.services.complaints.ports import NotificationFailed


class SmtpNotifier:
    channel = "email"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        fallback_recipient: str | None = None,
        username: str = "",
        password: str = "",
        timeout: float = 10.0,
    ) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.fallback = fallback_recipient
        self.username, self.password = username, password
        self.timeout = timeout

    def send(self, recipient: str | None, subject: str, body: str, payload: dict[str, Any]) -> None:
        to = recipient or self.fallback
        if not to:
            raise NotificationFailed("no e-mail address for the handler and no BISEO_ALERT_EMAIL")
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                smtp.ehlo()
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise NotificationFailed(f"SMTP {self.host}:{self.port}: {type(exc).__name__}: {exc}") from exc
