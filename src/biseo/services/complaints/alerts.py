"""처리기한 알림: due-soon and overdue notices for open cases, once each, by e-mail and webhook.

"Due soon" is counted in 근무시간 on the office calendar, as §19 counts short periods: on a Friday
afternoon a case due Monday morning is due soon, though its deadline is three days away.

A notice carries the case id, department, kind, state and 처리기한 — never the complainant's
contact or the complaint text (titles can hold personal data). A claim is recorded before sending
and released if sending fails, so a rerun retries failures and never sends a notice twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints.cases import Case
from biseo.domain.complaints.deadlines import after_working_hours
from biseo.services.complaints.ports import CaseStore, NotificationFailed, Notifier

log = logging.getLogger("biseo.alerts")


@dataclass
class CaseAlerts:
    store: CaseStore
    notifiers: Sequence[Notifier]
    now: Callable[[], datetime]
    calendar: BusinessCalendar
    due_soon_hours: int = 8  # 근무시간: a case due Monday 10:00 is due soon on Friday afternoon
    base_url: str = ""

    def run(self) -> dict[str, int]:
        now = self.now().replace(tzinfo=None)
        counts = {"sent": 0, "already_sent": 0, "failed": 0}
        horizon = after_working_hours(now, self.due_soon_hours, self.calendar)
        for case in self.store.open_cases_due_before(horizon):
            assert case.due_at is not None
            kind = "overdue" if case.due_at < now else "due_soon"
            for notifier in self.notifiers:
                if not self.store.claim_notification(case.id, kind, notifier.channel, case.due_at):
                    counts["already_sent"] += 1
                    continue
                try:
                    notifier.send(self._recipient(case), *self._message(case, kind))
                    counts["sent"] += 1
                except NotificationFailed as exc:
                    self.store.release_notification(case.id, kind, notifier.channel, case.due_at)
                    log.warning("notice for case %s via %s failed: %s", case.id, notifier.channel, exc)
                    counts["failed"] += 1
        return counts

    def _recipient(self, case: Case) -> str | None:
        if case.handler:
            staff = self.store.staff(case.handler)
            if staff and staff.email:
                return staff.email
        return None

    def _message(self, case: Case, kind: str) -> tuple[str, str, dict[str, object]]:
        assert case.due_at is not None
        due = f"{case.due_at:%Y. %-m. %-d.} {case.due_at:%H:%M}"
        label = "처리기한 경과" if kind == "overdue" else "처리기한 임박"
        subject = f"[민원 {label}] {case.id} ({case.department or '미배정'})"
        link = f"{self.base_url.rstrip('/')}/complaints/{case.id}" if self.base_url else case.id
        body = (
            f"민원 {case.id}의 {label} 안내입니다.\n"
            f"- 부서: {case.department or '미배정'}\n- 종류: {case.kind}\n- 상태: {case.state}\n"
            f"- 처리기한: {due}\n- 바로가기: {link}\n"
        )
        payload: dict[str, object] = {
            "event": kind,
            "case_id": case.id,
            "agency": case.agency,
            "department": case.department,
            "kind": str(case.kind),
            "state": str(case.state),
            "due_at": case.due_at.isoformat(),
        }
        return subject, body, payload
