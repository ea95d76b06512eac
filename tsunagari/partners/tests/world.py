"""A small world for walking URLs: two member organisations, their postings, a contact, notices."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tsunagari.accounts.models import Invitation, RoleKind
from tsunagari.partners.models import (
    ContactRequest,
    Member,
    Notice,
    NoticeKind,
    Offer,
    Request,
    Sector,
)
from tsunagari.partners.tests.conftest import make_org, signed_in

ROLES = ["anonymous", "plain_user", "bob", "alice", "charlie", "sara", "root"]
LOGIN = "login"  # 302 to the login page
VERIFY = "verify"  # 302 to the two-factor page
SETUP = "setup"  # 302 to the two-factor setup page


@dataclass
class World:
    org_a: Any
    org_b: Any
    applied: Member
    offer_a: Offer
    request_b: Request
    contact_ab: ContactRequest
    news: Notice
    private_news: Notice
    commerce_meeting: Notice
    invitation_token: str


def build_world(org_a: Any, org_b: Any, alice: Any) -> World:
    applied_org = make_org("申し込み中の団体", Sector.COMPANY, status="applied")
    offer_a = Offer.objects.create(
        organization=org_a, kind="venue", title="食堂の部屋を貸せます", needs=["connection"]
    )
    request_b = Request.objects.create(
        organization=org_b, kind="volunteers", title="見守りの人手", needs=["elderly"]
    )
    contact = ContactRequest.objects.create(
        from_organization=org_a, to_organization=org_b, sender=alice, message="はじめまして"
    )
    news = Notice.objects.create(title="公開のお知らせ", body="本文", is_public=True)
    private_news = Notice.objects.create(title="会員向けのお知らせ", body="本文")
    meeting = Notice.objects.create(
        kind=NoticeKind.MEETING,
        title="商店街分科会",
        body="本文",
        sector=Sector.COMMERCE,
        starts_at=timezone.now() + timedelta(days=7),
        place="会議室",
    )
    invitation = Invitation.objects.create(
        organization=org_a, email="newcomer@example.org", kind=RoleKind.MEMBER
    )
    return World(
        org_a,
        org_b,
        applied_org.member,
        offer_a,
        request_b,
        contact,
        news,
        private_news,
        meeting,
        invitation.issue(),
    )


def client_for(role: str, client: Any, request: Any) -> Any:
    if role != "anonymous":
        signed_in(client, request.getfixturevalue(role))
    return client


def assert_outcome(response: Any, expected: Any, path: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, (path, response.status_code)
        assert response["Location"].startswith(reverse("accounts:login")), response["Location"]
    elif expected == VERIFY:
        assert response.status_code == 302, (path, response.status_code)
        assert response["Location"].startswith(reverse("accounts:otp_verify")), response["Location"]
    elif expected == SETUP:
        assert response.status_code == 302, (path, response.status_code)
        assert response["Location"].startswith(reverse("accounts:otp_setup")), response["Location"]
    else:
        assert response.status_code == expected, (path, response.status_code, expected)
