"""혜택알리미 through a real SMTP server on loopback: digests, no duplicates, retries, unsubscribe, no
personal data in the message (the subscription store's own contract: test_subscription_store.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import mailbox
from datetime import date
from email.header import decode_header, make_header

import pytest

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.errors import InvalidInput
from tests.support.processes import free_port

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 23)
BIRTH = "1961-12-10"  # turns 65 on 2026-12-10: within the month ahead


def _catalog(tmp_path):
    gov24 = [
        {"id": "G-SENIOR", "name": "어르신 건강검진 지원", "org": "서울특별시 마포구", "region": "서울",
         "target": "○ 마포구에 거주하는 만 65세 이상 어르신", "url": "https://example.go.kr/senior"},
        {"id": "G-BUSAN", "name": "부산 청년 지원", "org": "부산광역시", "region": "부산", "target": "○ 부산 시민"},
    ]  # fmt: skip
    youth = [
        {"plcyNo": "Y-OPEN", "plcyNm": "서울 중장년 일자리", "sprtTrgtAgeLmtYn": "N", "sprtTrgtMinAge": "50",
         "sprtTrgtMaxAge": "70", "zipCd": "11000", "aplyYmd": "20261125 ~ 20261127", "jobCd": "0013010",
         "schoolCd": "0049010", "plcyMajorCd": "0011009", "sbizCd": "0014010"},
    ]  # fmt: skip
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "gov24.json").write_text(json.dumps(gov24, ensure_ascii=False), encoding="utf-8")
    (folder / "youth.json").write_text(json.dumps(youth, ensure_ascii=False), encoding="utf-8")
    return folder


def _messages(box):
    out = []
    for m in mailbox.Maildir(box):
        body = m.get_payload(decode=True).decode("utf-8")
        out.append((str(make_header(decode_header(m["Subject"]))), m["To"], body))
    return out


@pytest.fixture
def alert_services(isolated_home, tmp_path, smtp_server):
    port, box = smtp_server
    settings = Settings.load(
        smtp_host="127.0.0.1",
        smtp_port=port,
        public_url="http://biseo.local",
        benefits_catalog=str(_catalog(tmp_path)),
    )
    services = build_services(settings)
    yield services, box
    services.close()


def test_digest_once_then_new_matches_then_unsubscribe(alert_services):
    services, box = alert_services
    alerts = services.benefit_alerts
    _sid, token = alerts.subscribe(
        {"birth_date": BIRTH, "sido": "서울", "sigungu": "마포구"}, email="citizen@example.com"
    )
    first = alerts.run(DAY)
    assert (first.messages, first.alerts, first.failures) == (1, 4, [])
    ((subject, to, body),) = _messages(box)
    assert subject == "[국민비서] 새 혜택 알림 4건" and to == "citizen@example.com"
    assert (
        "신청 시작 2026. 11. 25.: 서울 중장년 일자리" in body
        and "신청 마감 2026. 11. 27.: 서울 중장년 일자리" in body
    )
    assert (
        body.index("신청 마감") < body.index("신청 시작") < body.index("받을 수 있는 혜택")
    )  # most urgent first
    assert "2026. 12. 23.까지 대상이 될 수 있는 혜택: 어르신 건강검진 지원" in body
    assert "부산" not in body
    assert f"http://biseo.local/benefits/unsubscribe?token={token}" in body
    for personal in (BIRTH, "1961", "마포구에 사는", "citizen@"):
        assert personal not in body  # nothing of the profile or address in the text
    assert alerts.run(DAY).messages == 0  # no duplicates
    later = alerts.run(date(2026, 12, 24))  # turned 65: the senior service is now a match
    assert later.alerts == 1
    assert any("받을 수 있는 혜택(확인 필요): 어르신 건강검진 지원" in m[2] for m in _messages(box))
    assert len(_messages(box)) == 2
    assert alerts.unsubscribe(token) and not alerts.unsubscribe(token)
    assert alerts.run(date(2027, 1, 1)).subscriptions == 0


def test_failed_send_is_retried_and_bad_subscriptions_are_refused(isolated_home, tmp_path, smtp_server):
    port, box = smtp_server
    catalog = str(_catalog(tmp_path))
    dead = Settings.load(smtp_host="127.0.0.1", smtp_port=free_port(), benefits_catalog=catalog)
    services = build_services(dead)
    try:
        alerts = services.benefit_alerts
        alerts.subscribe({"birth_date": BIRTH, "sido": "서울"}, email="c@example.com")
        failed = alerts.run(DAY)
        assert failed.messages == 0 and len(failed.failures) == 1
        with pytest.raises(InvalidInput):
            alerts.subscribe({"sido": "서울"}, email="not-an-address")
        with pytest.raises(InvalidInput):
            alerts.subscribe({"sido": "서울"})
        with pytest.raises(InvalidInput):
            alerts.subscribe({"sido": "서울"}, webhook=True)  # no webhook configured
    finally:
        services.close()
    live = build_services(Settings.load(smtp_host="127.0.0.1", smtp_port=port, benefits_catalog=catalog))
    try:
        retried = live.benefit_alerts.run(DAY)
        assert retried.messages == 1 and retried.alerts == 4  # released claims were sent on the next run
        assert len(_messages(box)) == 1
    finally:
        live.close()


def test_webhook_subscriptions_get_signed_json_without_the_profile(isolated_home, tmp_path, webhook):
    url, received = webhook
    settings = Settings.load(webhook_url=url, webhook_secret="k3y", benefits_catalog=str(_catalog(tmp_path)))
    services = build_services(settings)
    try:
        alerts = services.benefit_alerts
        alerts.subscribe({"birth_date": BIRTH, "sido": "서울", "sigungu": "마포구"}, webhook=True)
        assert alerts.run(DAY).messages == 1
    finally:
        services.close()
    ((body, signature),) = received
    assert signature == "sha256=" + hmac.new(b"k3y", body, hashlib.sha256).hexdigest()
    payload = json.loads(body)
    assert payload["type"] == "benefit_alerts" and {a["kind"] for a in payload["alerts"]} == {
        "new",
        "opens",
        "closing",
        "upcoming",
    }
    assert BIRTH.encode() not in body and "마포구".encode() not in body
