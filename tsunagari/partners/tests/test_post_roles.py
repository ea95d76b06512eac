"""Every form of partners/ × every role, POSTed with tampered fields.

Each row gives the exact answer per role and a check of the database afterwards:
people who may act change exactly what the form allows (never organisation,
status, sector, publication or demo flags); everyone else changes nothing.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagari.accounts.models import Invitation
from tsunagari.outbox.models import Message
from tsunagari.partners.models import (
    Attendance,
    ContactRequest,
    Member,
    MemberStatus,
    Notice,
    Offer,
    Sector,
)
from tsunagari.partners.tests.world import LOGIN, ROLES, World, assert_outcome, client_for

ORG_A_ADMIN = {
    "anonymous": LOGIN,
    "plain_user": 404,
    "bob": 404,
    "alice": 302,
    "charlie": 404,
    "sara": 404,
    "root": 404,
}
ORG_A_PEOPLE = {**ORG_A_ADMIN, "bob": 302}
STAFF = {
    "anonymous": LOGIN,
    "plain_user": 403,
    "bob": 403,
    "alice": 403,
    "charlie": 403,
    "sara": 302,
    "root": 302,
}


def _profile_changed(w: World, acted: bool) -> None:
    member = Member.objects.get(organization=w.org_a)
    w.org_a.refresh_from_db()
    assert member.status == MemberStatus.APPROVED and member.sector == Sector.NPO
    assert w.org_a.is_demo is False
    assert (w.org_a.description == "書きかえた紹介") is acted


def _invited(w: World, acted: bool) -> None:
    invitation = Invitation.objects.filter(email="tampered@example.org").first()
    assert (invitation is not None) is acted
    if invitation:
        assert invitation.organization == w.org_a


def _offer_posted(w: World, acted: bool) -> None:
    offers = Offer.objects.filter(title="新しいできること")
    assert offers.exists() is acted
    assert not offers.exclude(organization=w.org_a).exists()
    assert all(o.is_open for o in offers)


def _offer_edited(w: World, acted: bool) -> None:
    w.offer_a.refresh_from_db()
    assert w.offer_a.organization == w.org_a and w.offer_a.is_open
    assert (w.offer_a.title == "書きかえたタイトル") is acted


def _contact_sent(w: World, acted: bool) -> None:
    sent = ContactRequest.objects.filter(message="改ざんした連絡")
    assert sent.exists() is acted
    assert all(c.from_organization == w.org_a and c.status == "pending" for c in sent)
    assert Message.objects.filter(body__contains="改ざんした連絡").exists() is acted


def _attended(w: World, acted: bool) -> None:
    answers = Attendance.objects.filter(notice=w.commerce_meeting)
    assert answers.exists() is acted
    assert all(a.organization == w.org_b for a in answers)


def _approved(w: World, acted: bool) -> None:
    w.applied.refresh_from_db()
    assert (w.applied.status == MemberStatus.APPROVED) is acted


def _notice_posted(w: World, acted: bool) -> None:
    assert Notice.objects.filter(title="改ざんテストのお知らせ").exists() is acted


def _joined(w: World, acted: bool) -> None:
    member = Member.objects.get(organization__name="改ざん団体")
    assert member.status == MemberStatus.APPLIED
    assert member.organization.is_demo is False


POST_CASES: list[
    tuple[
        str,
        Callable[[World], str],
        Callable[[World], dict[str, Any]],
        dict[str, Any],
        Callable[[World, bool], None],
    ]
] = [
    (
        "partners:org_edit",
        lambda w: reverse("partners:org_edit", args=[w.org_a.pk]),
        lambda w: {
            "description": "書きかえた紹介",
            "needs": ["connection"],
            "wards": ["sakai"],
            "contact_name": "x",
            "contact_email": "x@example.org",
            "status": "declined",
            "sector": "city",
            "is_demo": "on",
            "organization": str(w.org_b.pk),
        },
        ORG_A_ADMIN,
        _profile_changed,
    ),
    (
        "partners:org_people",
        lambda w: reverse("partners:org_people", args=[w.org_a.pk]),
        lambda w: {
            "email": "tampered@example.org",
            "kind": "member",
            "organization": str(w.org_b.pk),
        },
        ORG_A_ADMIN,
        _invited,
    ),
    (
        "partners:posting_new",
        lambda w: reverse("partners:posting_new", args=[w.org_a.pk, "offer"]),
        lambda w: {
            "kind": "venue",
            "title": "新しいできること",
            "organization": str(w.org_b.pk),
            "is_open": "",
        },
        ORG_A_PEOPLE,
        _offer_posted,
    ),
    (
        "partners:posting_edit",
        lambda w: reverse("partners:posting_edit", args=["offer", w.offer_a.pk]),
        lambda w: {
            "kind": "venue",
            "title": "書きかえたタイトル",
            "organization": str(w.org_b.pk),
            "is_open": "",
        },
        ORG_A_PEOPLE,
        _offer_edited,
    ),
    (
        "partners:contact_new",
        lambda w: reverse("partners:contact_new", args=[w.org_b.pk]),
        lambda w: {
            "from_organization": str(w.org_a.pk),
            "message": "改ざんした連絡",
            "status": "accepted",
        },
        {
            "anonymous": LOGIN,
            "plain_user": 403,
            "bob": 302,
            "alice": 302,
            "charlie": 404,
            "sara": 403,
            "root": 403,
        },
        _contact_sent,
    ),
    (
        "partners:notice_detail",
        lambda w: reverse("partners:notice_detail", args=[w.commerce_meeting.pk]),
        lambda w: {"organization": str(w.org_b.pk), "answer": "attend", "people": "2"},
        {
            "anonymous": LOGIN,
            "plain_user": 403,
            "bob": 404,
            "alice": 404,
            "charlie": 302,
            "sara": 403,
            "root": 403,
        },
        _attended,
    ),
    (
        "partners:staff_application",
        lambda w: reverse("partners:staff_application", args=[w.applied.pk]),
        lambda w: {"action": "approve", "message": ""},
        STAFF,
        _approved,
    ),
    (
        "partners:notice_new",
        lambda w: reverse("partners:notice_new"),
        lambda w: {
            "kind": "meeting",
            "title": "改ざんテストのお知らせ",
            "body": "本文",
            "sector": "",
            "starts_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "created_by": "1",
            "published_at": "2000-01-01",
        },
        STAFF,
        _notice_posted,
    ),
    (
        "partners:join",
        lambda w: reverse("partners:join"),
        lambda w: {
            "name": "改ざん団体",
            "sector": "npo",
            "description": "紹介",
            "needs": ["connection"],
            "wards": ["sakai"],
            "contact_name": "x",
            "contact_email": "kaizan@example.org",
            "status": "approved",
            "is_demo": "on",
        },
        {role: 302 for role in ROLES},
        _joined,
    ),
]

POST_PARAMS = [
    pytest.param(name, path, data, role, expected[role], effect, id=f"{name}-{role}")
    for name, path, data, expected, effect in POST_CASES
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,path,data,role,expected,effect", POST_PARAMS)
def test_it_lets_only_the_right_people_change_things_and_ignores_tampered_fields(
    client, request, world, name, path, data, role, expected, effect
):
    client_for(role, client, request)
    url = path(world)
    response = client.post(url, data(world))
    assert_outcome(response, expected, url)
    effect(world, expected == 302)
