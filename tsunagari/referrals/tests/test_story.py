"""The issue's story, over a real SMTP server: a member refers with consent, the receiver is
mailed, acknowledges and records 支援につながった, the sender sees it; a person asks a desk
from a navigator answer and it reaches platform staff."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tsunagari.directory.tests.factories import make_service
from tsunagari.navigator.index import invalidate
from tsunagari.referrals.models import Referral, ReferralStatus
from tsunagari.referrals.tests.conftest import verified

pytestmark = pytest.mark.django_db


def _path_in(body: str) -> str:
    url = re.search(r"https?://\S+", body)
    assert url, body
    return re.sub(r"^https?://[^/]+", "", url.group(0))


def test_a_member_refers_and_the_outcome_comes_back(
    smtp_server: Any, alice: Any, charlie: Any, desk_b: Any
) -> None:
    sender = verified(Client(), alice)
    response = sender.post(
        reverse("referrals:new", args=[desk_b.pk]),
        {
            "person_name": "山田 花子",
            "contact_how": "099-9999-9999",
            "contact_when": "平日の午後",
            "language": "ja",
            "urgency": "soon",
            "note": "食事会で話を聞きました。",
            "consent_method": "spoken",
            "consent_given_on": timezone.localdate().isoformat(),
            "shared": ["name", "contact", "note"],
            "consent_confirmed": "on",
        },
    )
    assert response.status_code == 302
    call_command("send_outbox")

    [mail] = [m for m in smtp_server.messages if m["To"] == "charlie@example.org"]
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "つなぎが届きました" in mail["Subject"]
    assert "山田" not in body and "099-9999" not in body
    detail = _path_in(body)

    receiver = verified(Client(), charlie)
    assert "099-9999-9999" in receiver.get(detail + "details/").content.decode()
    referral = Referral.objects.get()
    move = reverse("referrals:move", args=[referral.pk])
    receiver.post(move, {"to": "acknowledged"})
    receiver.post(move, {"to": "contacted", "reason": "電話で話せました"})
    receiver.post(move, {"to": "connected", "reason": "来週から食事会に来ます"})
    call_command("send_outbox")

    to_alice = [m["Subject"] for m in smtp_server.messages if m["To"] == "alice@example.org"]
    assert any("受けた" in s for s in to_alice)
    assert any("支援につながった" in s for s in to_alice)
    page = sender.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "支援につながった" in page and "来週から食事会に来ます" in page
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONNECTED


def test_a_self_referral_from_a_navigator_answer_reaches_platform_staff(
    smtp_server: Any, sara: Any
) -> None:
    desk = make_service("（テスト）お金の相談", needs=("money",), kind="desk")
    invalidate()
    person = Client()
    answer = person.post(reverse("navigator:answer"), {"q": "借金で困っています"})
    html = answer.content.decode()
    action = reverse("referrals:self_new", args=[desk.pk])
    assert action in html and "この窓口から連絡してほしい" in html

    arriving = person.post(action, {"q": "借金で困っています"})
    key = arriving.context["form"].initial["submission_key"]
    done = person.post(
        action,
        {
            "person_name": "たろう",
            "contact_how": "088-8888-8888",
            "contact_when": "夜",
            "language": "ja",
            "navigator_text": "借金で困っています",
            "consent": "on",
            "submission_key": key,
        },
    )
    page = person.get(done["Location"]).content.decode()
    referral = Referral.objects.get()
    assert referral.reference in page and referral.relayed
    call_command("send_outbox")

    [mail] = smtp_server.messages
    assert mail["To"] == "sara@example.org"
    assert "取り次ぎが必要" in mail["Subject"]
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "080-0000" not in body and "借金" not in body
    staff = verified(Client(), sara)
    details = staff.get(_path_in(body) + "details/").content.decode()
    assert "088-8888-8888" in details
    assert "借金で困っています" not in details  # not attached: the box was left unticked
    invalidate()
