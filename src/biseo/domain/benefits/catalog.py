"""A public service in the catalog (보조금24 서비스, 온통청년 정책) as the citizen sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    name: str
    summary: str
    agency: str
    target_text: str  # 지원대상 as published
    how_to_apply: str = ""
    url: str = ""
    region: str = "전국"
    source: str = "gov24"  # gov24 | youth | gov24_api | custom
    apply_from: date | None = None  # 신청기간 (None: 상시)
    apply_until: date | None = None
    category: str = ""
    weight: float = 1.0  # for ranking questions (e.g. 조회수 share); 1.0 when unknown

    def open_on(self, day: date) -> bool:
        """Whether applications are accepted on ``day`` (always, when no period is published)."""
        return (self.apply_from is None or self.apply_from <= day) and (
            self.apply_until is None or day <= self.apply_until
        )
