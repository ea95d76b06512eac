"""Issue 8's "done when" for the watch network, through the real views and a real SMTP server:
a newspaper shop registers and is approved, prints its QR card, reports mail piling up at a
house; the report reaches the right centre's inbox (the time is measured and printed), nobody
acknowledges, it escalates to the ward's 基幹型 centre and staff, who take it on; the reporter
follows the status through the secret link without ever seeing personal details."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tsunagari.outbox.tests.conftest import smtp_server  # noqa: F401 — a real SMTP server
from tsunagari.watch.models import Report, ReportStatus, Routing
from tsunagari.watch.services import watch_escalate_overdue
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import centre_client, must_find

pytestmark = pytest.mark.django_db

SITE = "https://tsunagari.example.jp"
PLACE = "堺区つながり町2丁目 角の木造の家（表札は鈴木）"


def _inbox(smtp_server, to: str) -> list[tuple[str, str]]:  # noqa: F811
    return [
        (m["Subject"], body)
        for m, body in zip(smtp_server.messages, smtp_server.bodies(), strict=True)
        if m["To"] == to
    ]


def _path(body: str, pattern: str) -> str:
    found = must_find(SITE.replace(".", r"\.") + r"(" + pattern + r")", body)
    assert found, body
    return found.group(1)


def test_a_newspaper_shops_qr_report_reaches_the_right_centre_escalates_and_the_reporter_follows_it(
    smtp_server,  # noqa: F811
    tsunagari_centre,
    hidamari_centre,
    sakai_kikan,
    kimura,
    hayashi,
    kato,
    sara,
):
    shop_phone = Client()

    # 1. The newspaper shop registers; the secretariat approves; the card link arrives by mail.
    shop_phone.post(
        "/watch/join/",
        {
            "name": "（テスト）さかい新聞 つながり町専売所",
            "kind": "newspaper",
            "ward": "sakai",
            "contact_name": "所長 山本",
            "contact_email": "senbaisho@example.org",
            "contact_phone": "",
            "agree": "on",
        },
    )
    staff = centre_client(sara)
    call_command("send_outbox")
    [(_subject, staff_body)] = _inbox(smtp_server, "sara@example.org")
    staff.post(_path(staff_body, r"/watch/staff/businesses/[0-9a-f-]+/"), {"action": "approve"})
    call_command("send_outbox")
    card_mail = next(b for s, b in _inbox(smtp_server, "senbaisho@example.org") if "QRカード" in s)
    card_page = shop_phone.get(_path(card_mail, r"/watch/card/[^\s]+/")).content.decode()
    assert "<svg" in card_page
    form_path = _path(card_page, r"/watch/r/[A-Za-z0-9_-]+/")

    # 2. A delivery person scans the card and reports; the clock runs until the centre's inbox has it.
    form = shop_phone.get(form_path).content.decode()
    key = must_find(r'name="key" value="([^"]+)"', form).group(1)
    started = time.perf_counter()
    sent = shop_phone.post(
        form_path,
        {
            "key": key,
            "immediate_danger": "no",
            "kind": "mail_piling",
            "ward": "sakai",
            "place": PLACE,
            "noticed_on": timezone.localdate().isoformat(),
            "details": "新聞が5日分たまり、雨戸が閉まったままです。",
        },
    )
    call_command("send_outbox")
    centre_mail = _inbox(smtp_server, "kimura@example.org")
    to_inbox = time.perf_counter() - started
    print(f"\nwatch story: report → centre's inbox over SMTP in {to_inbox * 1000:.0f} ms")
    assert to_inbox < 5

    report = Report.objects.get()
    assert (report.centre, report.routing, report.town) == (
        tsunagari_centre,
        Routing.AREA,
        "つながり町",
    )
    [(subject, body)] = centre_mail
    assert "新聞・郵便物がたまっている" in subject
    assert "つながり町2丁目" not in body and "鈴木" not in body and "雨戸" not in body
    assert _inbox(smtp_server, "hayashi@example.org") == []  # the other centre hears nothing
    status_path = sent["Location"]
    status = shop_phone.get(status_path).content.decode()
    assert "報告を受け付けました" in status and report.reference in status

    # 3. Nobody at the centre acknowledges within two working hours: the 基幹型 centre and staff hear.
    assert watch_escalate_overdue(now=report.ack_due_at - timedelta(minutes=1)) == 0
    assert watch_escalate_overdue(now=report.ack_due_at) == 1
    assert watch_escalate_overdue(now=report.ack_due_at + timedelta(hours=1)) == 0
    call_command("send_outbox")
    [(escalated_subject, escalated_body)] = _inbox(smtp_server, "kato@example.org")
    assert "期限切れ" in escalated_subject
    assert any("期限切れ" in s for s, _b in _inbox(smtp_server, "sara@example.org"))
    assert "鈴木" not in escalated_body
    assert "担当者が確かめるのを待っています" in shop_phone.get(status_path).content.decode()

    # 4. The 基幹型 centre opens the report from its mail, reads the place for a purpose, takes it on.
    kikan = centre_client(kato)
    detail = _path(escalated_body, r"/watch/centre/reports/[0-9a-f-]+/")
    revealed = kikan.post(detail + "reveal/", {"purpose": "対応のため"}).content.decode()
    assert PLACE in revealed
    kikan.post(detail, {"action": "acknowledge"})
    assert "センターが受け取り、対応しています" in shop_phone.get(status_path).content.decode()
    kikan.post(detail, {"action": "note", "note": "訪問。本人は風邪で寝込んでいた。"})
    kikan.post(detail, {"action": "close", "outcome": "support", "note": "訪問介護につないだ。"})

    # 5. The reporter sees that it is done — and nothing about the person.
    report.refresh_from_db()
    assert (report.status, report.outcome) == (ReportStatus.CLOSED, "support")
    final = shop_phone.get(status_path).content.decode()
    assert "センターが対応を終えました" in final
    for private in ("鈴木", "つながり町2丁目", "雨戸", "風邪", "訪問介護", "支援につないだ"):
        assert private not in final
