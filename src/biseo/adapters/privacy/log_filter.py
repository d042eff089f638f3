"""A logging filter that redacts personal data from every record before any handler writes it."""

from __future__ import annotations

import logging
import re

from biseo.domain.privacy.pseudonyms import redact
from biseo.services.privacy import PiiDetector

_WORTH_CHECKING = re.compile(r"[가-힣]|\d{3}|@")


class RedactingFilter(logging.Filter):
    def __init__(self, detector: PiiDetector) -> None:
        super().__init__()
        self.detector = detector

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        if _WORTH_CHECKING.search(message):
            spans = self.detector.detect(message)
            if spans:
                record.msg, record.args = redact(message, spans), None
        return True
