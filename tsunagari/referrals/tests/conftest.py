"""The people and places of a referral, for every referrals test.

org_a (つながりテスト食堂) sends: alice is its admin, bob its member.
org_b (テスト商店会) receives at its desk 「商店会のよろず相談」: charlie is its admin.
「（テスト）市の相談窓口」 belongs to an organisation that is not a member: staff relay it.
sara is platform staff, root a system admin, plain_user (dave) signed in with no organisation.

``verified(client, user)`` signs anyone in with the second step done (``signed_in``
with ``otp=True``): reading or changing a referral's details needs two-factor for
every role, members included.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tsunagari.directory.models import Organization, Service
from tsunagari.directory.models.service import ReviewStatus, ServiceKind
from tsunagari.outbox.tests.conftest import SmtpInbox, smtp_server  # noqa: F401 (fixture)
from tsunagari.partners.tests.conftest import (  # noqa: F401 (fixtures)
    _fast_passwords,
    alice,
    bob,
    charlie,
    org_a,
    org_b,
    signed_in,
)
from tsunagari.referrals import services
from tsunagari.referrals.models import Referral

__all__ = ["SmtpInbox", "make_desk", "refer", "verified"]


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> Iterator[None]:
    """The self-referral limit counts per address in the cache; every test starts at zero."""
    cache.clear()
    yield
    cache.clear()


def verified(client: Client, user: Any) -> Client:
    """Signed in with the second step done — for members too (personal details need it)."""
    return signed_in(client, user, otp=True)


def make_desk(organization: Organization, name: str) -> Service:
    return Service.objects.create(
        organization=organization,
        name=name,
        kind=ServiceKind.DESK,
        review_status=ReviewStatus.PUBLISHED,
        source_name="テスト用の出典",
    )


@pytest.fixture
def desk_b(org_b: Organization) -> Service:  # noqa: F811
    return make_desk(org_b, "商店会のよろず相談")


@pytest.fixture
def city_desk(db: None) -> Service:
    outside = Organization.objects.create(name="（テスト）市の担当課")
    return make_desk(outside, "（テスト）市の相談窓口")


def refer(
    sender: Any, org: Organization, service: Service, *, name: str = "山田 花子", **extra: Any
) -> Referral:
    fields: dict[str, Any] = {
        "person_name": name,
        "contact_how": "099-9999-9999",
        "contact_when": "平日の午後",
        "needs": ["connection"],
        "note": "食事会で話を聞きました。",
        "consent_method": "spoken",
        "consent_given_on": timezone.localdate(),
        "shared": ["name", "contact", "needs", "note"],
    }
    fields.update(extra)
    return services.referral_send(sender=sender, from_organization=org, service=service, **fields)


@pytest.fixture
def referral(alice: Any, charlie: Any, org_a: Organization, desk_b: Service) -> Referral:  # noqa: F811
    """alice (org A) refers 山田 花子 to org B's desk (charlie, its admin, is mailed)."""
    return refer(alice, org_a, desk_b)


@pytest.fixture
def relayed(alice: Any, sara: Any, org_a: Organization, city_desk: Service) -> Referral:  # noqa: F811
    """alice refers someone to a desk whose organisation is not a member: staff relay it."""
    return refer(alice, org_a, city_desk, name="佐藤 一郎", contact_how="sato@example.org")
