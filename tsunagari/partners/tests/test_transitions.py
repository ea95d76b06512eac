"""Every state machine of the platform: allowed moves work, forbidden ones raise and change nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tsunagari.accounts.models import Invitation, Role, RoleKind
from tsunagari.core.transitions import InvalidTransition
from tsunagari.partners.models import (
    ContactRequest,
    ContactStatus,
    MemberStatus,
    Offer,
    Partnership,
    Sector,
)
from tsunagari.partners.tests.conftest import make_org

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "start,move,end",
    [
        (MemberStatus.APPLIED, "approve", MemberStatus.APPROVED),
        (MemberStatus.ASKED_BACK, "approve", MemberStatus.APPROVED),
        (MemberStatus.APPLIED, "ask_back", MemberStatus.ASKED_BACK),
        (MemberStatus.APPLIED, "decline", MemberStatus.DECLINED),
        (MemberStatus.ASKED_BACK, "decline", MemberStatus.DECLINED),
        (MemberStatus.APPROVED, "leave", MemberStatus.LEFT),
    ],
)
def test_it_allows_these_membership_moves(sara, start, move, end):
    member = make_org("団体", Sector.NPO, status=start).member
    kwargs = {"message": "確認します"} if move == "ask_back" else {}
    getattr(member, move)(by=sara, **kwargs)
    member.refresh_from_db()
    assert member.status == end
    assert member.decided_by == sara
    assert member.decided_at is not None


@pytest.mark.parametrize(
    "start,move",
    [
        (MemberStatus.APPROVED, "approve"),
        (MemberStatus.DECLINED, "approve"),
        (MemberStatus.LEFT, "approve"),
        (MemberStatus.ASKED_BACK, "ask_back"),
        (MemberStatus.APPROVED, "ask_back"),
        (MemberStatus.APPROVED, "decline"),
        (MemberStatus.DECLINED, "decline"),
        (MemberStatus.APPLIED, "leave"),
        (MemberStatus.DECLINED, "leave"),
    ],
)
def test_it_refuses_these_membership_moves(sara, start, move):
    member = make_org("団体", Sector.NPO, status=start).member
    kwargs = {"message": "確認します"} if move == "ask_back" else {}
    with pytest.raises(InvalidTransition):
        getattr(member, move)(by=sara, **kwargs)
    member.refresh_from_db()
    assert member.status == start
    assert member.staff_message == ""


def test_it_records_a_partnership_once_when_a_contact_request_is_accepted(
    org_a, org_b, alice, charlie
):
    contact = ContactRequest.objects.create(
        from_organization=org_a, to_organization=org_b, sender=alice, message="m"
    )
    partnership = contact.accept(by=charlie)
    assert contact.status == ContactStatus.ACCEPTED
    assert {partnership.organization_a, partnership.organization_b} == {org_a, org_b}
    again = ContactRequest.objects.create(
        from_organization=org_b, to_organization=org_a, sender=charlie, message="m"
    )
    assert again.accept(by=alice) == partnership
    assert Partnership.objects.count() == 1
    assert list(Partnership.objects.involving(org_a)) == [partnership]


@pytest.mark.parametrize("first", ["accept", "decline"])
@pytest.mark.parametrize("second", ["accept", "decline"])
def test_it_refuses_to_decide_a_contact_request_twice(org_a, org_b, alice, charlie, first, second):
    contact = ContactRequest.objects.create(
        from_organization=org_a, to_organization=org_b, sender=alice, message="m"
    )
    getattr(contact, first)(by=charlie)
    status = contact.status
    with pytest.raises(InvalidTransition):
        getattr(contact, second)(by=charlie)
    contact.refresh_from_db()
    assert contact.status == status


def test_it_closes_and_reopens_an_offer_only_from_the_other_state(org_a):
    offer = Offer.objects.create(organization=org_a, kind="venue", title="部屋")
    with pytest.raises(InvalidTransition):
        offer.reopen()
    offer.close()
    assert not offer.is_open
    with pytest.raises(InvalidTransition):
        offer.close()
    offer.reopen()
    assert offer.is_open


def test_it_accepts_an_invitation_once_and_only_with_its_token(org_a, plain_user):
    invitation = Invitation.objects.create(
        organization=org_a, email=plain_user.email, kind=RoleKind.ADMIN
    )
    token = invitation.issue()
    assert Invitation.usable("wrong") is None
    assert Invitation.usable(token) == invitation
    assert token not in invitation.token_hash
    role = invitation.accept(user=plain_user)
    assert role.kind == RoleKind.ADMIN
    assert Invitation.usable(token) is None
    with pytest.raises(InvalidTransition):
        invitation.accept(user=plain_user)
    with pytest.raises(InvalidTransition):
        invitation.issue()


def test_it_refuses_an_expired_invitation(org_a, plain_user):
    invitation = Invitation.objects.create(organization=org_a, email=plain_user.email)
    token = invitation.issue()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert Invitation.usable(token) is None
    invitation.refresh_from_db()
    with pytest.raises(InvalidTransition):
        invitation.accept(user=plain_user)
    assert not Role.objects.filter(user=plain_user).exists()


def test_it_issues_a_new_token_that_replaces_the_old_one(org_a):
    invitation = Invitation.objects.create(organization=org_a, email="x@example.org")
    old = invitation.issue()
    new = invitation.issue()
    assert Invitation.usable(old) is None
    assert Invitation.usable(new) == invitation
