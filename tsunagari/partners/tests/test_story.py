"""Issue 4's "done when", as one story through the real views: an organisation joins, is
approved, publishes a listing and a weekly gathering that reach the public pages, the
calendar, the iCalendar feed and the navigator, and its offer finds a partner in another sector."""

import re

import icalendar
import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.accounts.models import User
from tsunagari.directory.models import ReviewStatus, Service
from tsunagari.gatherings.models import Gathering
from tsunagari.navigator.recommend import recommend
from tsunagari.outbox.models import Message
from tsunagari.partners.models import Member, Offer, Sector
from tsunagari.partners.tests.conftest import *  # noqa: F403
from tsunagari.partners.tests.conftest import signed_in
from tsunagari.partners.tests.test_joining import APPLICATION, _code

pytestmark = pytest.mark.django_db


def test_it_takes_an_organisation_from_joining_to_being_found(client, sara, org_b):
    # 1. A sports and culture club applies; the secretariat approves.
    client.post("/partners/join/", APPLICATION)
    member = Member.objects.get(organization__name="さかい将棋クラブ")
    org = member.organization
    staff = signed_in(client.__class__(), sara)
    staff.post(f"/partners/staff/applications/{member.pk}/", {"action": "approve", "message": ""})

    # 2. The contact person accepts the mailed invitation and sets up two-factor sign-in.
    body = Message.objects.filter(to="shogi@example.org", subject__contains="招待").get().body
    found = re.search(r"(/accounts/invitation/[^\s]+/)", body)
    assert found, body
    link = found.group(1)
    setup = client.post(
        link,
        {
            "display_name": "将棋 花子",
            "password1": "koma-2026-susumu",
            "password2": "koma-2026-susumu",
        },
    )["Location"]
    client.get(setup)
    user = User.objects.get(email="shogi@example.org")
    client.post(setup, {"token": _code(TOTPDevice.objects.get(user=user))})

    # 3. She lists a service; it waits for review, then staff publish it.
    client.post(
        f"/listings/new/{org.pk}/",
        {
            "name": "（テスト）将棋でおしゃべり相談",
            "description": "将棋をしながら、困りごとも聞きます。",
            "eligibility_description": "どなたでも",
            "fees_description": "無料",
            "application_process": "集会所に来てください。",
            "url": "",
            "need_codes": ["connection"],
        },
    )
    listing = Service.objects.get(name="（テスト）将棋でおしゃべり相談")
    assert listing.review_status == ReviewStatus.PENDING
    assert client.get(f"/services/{listing.pk}/").status_code == 404
    staff.post(f"/listings/review/{listing.pk}/approve/")
    assert "将棋でおしゃべり相談" in client.get(f"/services/{listing.pk}/").content.decode()

    # 4. She publishes a weekly gathering: calendar, iCalendar feed and navigator.
    client.post(
        f"/events/manage/{org.pk}/new/",
        {
            "title": "（テスト）土曜の将棋サロン",
            "kind": "hobby",
            "description": "初めての方も、ひとりで来て大丈夫です。",
            "recurrence": "weekly",
            "weekday": "SA",
            "starts_on": "2026-12-05",
            "start_time": "13:00",
            "end_time": "15:00",
            "ward": "nishi",
            "place_name": "（テスト）集会所",
            "address_text": "",
            "cost": "無料",
            "accessibility": "",
            "newcomers_welcome_alone": "on",
            "joining": "just_come",
        },
    )
    gathering = Gathering.objects.get(title="（テスト）土曜の将棋サロン")
    client.post(f"/events/manage/{gathering.pk}/publish/")
    # A member's first publication waits for staff (decision 0024).
    assert staff.post(f"/events/review/{gathering.pk}/approve/").status_code == 302
    calendar = client.get("/events/", {"start": "2026-12-01", "end": "2026-12-31"}).content.decode()
    assert "土曜の将棋サロン" in calendar
    feed = icalendar.Calendar.from_ical(client.get("/events.ics").content)
    events = [e for e in feed.walk("VEVENT") if "将棋サロン" in str(e.get("SUMMARY"))]
    rule = events[0]["RRULE"].to_ical() if events else b""
    assert b"FREQ=WEEKLY" in (rule if isinstance(rule, bytes) else rule.encode())
    answer = recommend("近所で気軽に参加できる集まりを知りたい", ward="nishi")
    assert "（テスト）土曜の将棋サロン" in [s["name"] for s in answer.as_json()["services"]]

    # 5. Her offer finds a partner in another sector.
    client.post(
        f"/partners/org/{org.pk}/offer/new/",
        {
            "kind": "expertise",
            "title": "将棋を教えられます",
            "description": "高齢の方のサロンで将棋を教えられます。",
            "needs": ["connection", "elderly"],
            "wards": ["nishi", "sakai"],
        },
    )
    offer = Offer.objects.get(title="将棋を教えられます")
    page = client.get(f"/partners/board/offer/{offer.pk}/").content.decode()
    suggestions = page[page.index('<ul class="list">') :]
    assert org_b.name in suggestions  # a shopping street: another sector
    assert org_b.member.sector != Sector.SPORTS_CULTURE
    call_command("send_outbox", verbosity=0)
