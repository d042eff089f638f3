"""Due-soon and overdue notices through a real SMTP server process on loopback (aiosmtpd) and a
loopback webhook: each notice once, no complaint text or contact data in it, failures retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import mailbox
from datetime import datetime, timedelta
from email.header import decode_header, make_header

import pytest

from biseo.adapters.notify.smtp_notifier import SmtpNotifier
from biseo.adapters.notify.webhook_notifier import WebhookNotifier
from biseo.bootstrap import build_alerts, build_services
from biseo.config import Settings
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.complaints.commands import AssignCase
from biseo.domain.complaints.contacts import Contact
from biseo.services.complaints.alerts import CaseAlerts
from biseo.services.complaints.service import NewComplaint
from tests.support.processes import free_port

pytestmark = pytest.mark.integration


@pytest.fixture
def services(isolated_home):
    s = build_services(Settings.load())
    s.complaints.register_staff(
        Staff("h1", "김담당", "중구", "건축과", Role.HANDLER, (), "h1@example.go.kr"), "x"
    )
    s.complaints.register_staff(Staff("c1", "총괄", "중구", None, Role.COORDINATOR), "y")
    yield s
    s.close()


def _cases(services):
    now = services.complaints.now()
    late = services.complaints.intake(
        NewComplaint(
            "중구",
            "홍길동 민원: 주차장",
            "010-9999-8888 번으로 연락 주세요. 주차장 조명 수리",
            received_at=now - timedelta(days=30),
            contact=Contact("홍길동", "010-9999-8888"),
        )
    ).case
    services.complaints.handle(services.complaints.store.staff("c1"), AssignCase(late.id, "건축과", "h1"))
    soon = services.complaints.intake(
        NewComplaint("중구", "문의", "기타 민원 즉시 처리", kind="기타", received_at=now)
    ).case
    services.complaints.intake(NewComplaint("중구", "건의", "한참 남은 건의", kind="건의", received_at=now))
    return late, soon


def test_email_notices_reach_the_smtp_server_once_and_carry_no_personal_data(services, smtp_server):
    port, box = smtp_server
    late, _ = _cases(services)
    settings = Settings.load(
        smtp_host="127.0.0.1",
        smtp_port=port,
        alert_email="minwon@example.go.kr",
        public_url="http://biseo.local",
    )
    alerts = build_alerts(settings, services.complaints)
    assert alerts.run() == {"sent": 2, "already_sent": 0, "failed": 0}
    assert alerts.run() == {"sent": 0, "already_sent": 2, "failed": 0}  # no duplicates
    messages = list(mailbox.Maildir(box))
    assert len(messages) == 2
    by_to = {m["To"]: m for m in messages}
    assert set(by_to) == {"h1@example.go.kr", "minwon@example.go.kr"}
    overdue = by_to["h1@example.go.kr"]
    assert "처리기한 경과" in str(make_header(decode_header(overdue["Subject"])))
    body = overdue.get_payload(decode=True).decode()
    assert late.id in body and "http://biseo.local/complaints/" in body
    for secret in ("홍길동", "9999", "주차장"):
        assert secret not in body and secret not in str(make_header(decode_header(overdue["Subject"])))
    assert "처리기한 임박" in str(make_header(decode_header(by_to["minwon@example.go.kr"]["Subject"])))


def test_webhook_notices_are_signed_json_and_failures_are_retried(services, webhook):
    url, received = webhook
    _cases(services)
    broken = CaseAlerts(
        services.complaints.store,
        [WebhookNotifier("http://127.0.0.1:9/none")],
        services.complaints.now,
        services.complaints.calendar,
    )
    assert broken.run()["failed"] == 2
    alerts = CaseAlerts(
        services.complaints.store,
        [WebhookNotifier(url, "s3cret")],
        services.complaints.now,
        services.complaints.calendar,
    )
    assert alerts.run()["sent"] == 2  # the failed claims were released
    body, signature = received[0]
    payload = json.loads(body)
    assert {"event", "case_id", "department", "kind", "state", "due_at"} <= set(payload)
    assert signature == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert "홍길동" not in json.dumps(payload, ensure_ascii=False)


def test_an_unreachable_smtp_server_fails_cleanly(services):
    _cases(services)
    notifier = SmtpNotifier(
        "127.0.0.1", free_port(), "biseo@localhost", fallback_recipient="x@example.go.kr", timeout=2
    )
    alerts = CaseAlerts(  # office time
        services.complaints.store, [notifier], services.complaints.now, services.complaints.calendar
    )
    assert alerts.run()["failed"] == 2


def test_due_soon_counts_office_hours_so_friday_warns_of_monday(services, webhook):
    """Received Friday 2026. 11. 27. 17:00, a 기타 민원 (3 근무시간) is due Monday 11:00: 66 clock hours
    away on Friday 17:30, but only 2½ 근무시간, so the notice goes out before the weekend."""
    url, received = webhook
    friday = datetime(2026, 11, 27, 17, 0)
    immediate = services.complaints.intake(
        NewComplaint("중구", "문의", "기타 민원", kind="기타", received_at=friday)
    ).case
    services.complaints.intake(NewComplaint("중구", "건의", "건의 민원", kind="건의", received_at=friday))
    assert immediate.due_at == datetime(2026, 11, 30, 11, 0)

    def alerts_at(moment: datetime) -> CaseAlerts:
        return CaseAlerts(
            services.complaints.store,
            [WebhookNotifier(url)],
            lambda: moment,
            services.complaints.calendar,
            due_soon_hours=8,
        )

    assert (
        alerts_at(datetime(2026, 11, 26, 10, 0)).run()["sent"] == 0
    )  # Thursday: Monday is over 8 근무시간 away
    assert alerts_at(datetime(2026, 11, 27, 17, 30)).run()["sent"] == 1
    assert [json.loads(body)["case_id"] for body, _ in received] == [immediate.id]
    assert json.loads(received[0][0])["event"] == "due_soon"
