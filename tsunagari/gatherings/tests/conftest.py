"""alice (org A admin), bob (org A member), charlie (org B admin), and a gathering of org A."""

from datetime import date, time
from typing import Any

import pytest

from tsunagari.conftest import _user
from tsunagari.directory.models import Organization, TaxonomyTerm
from tsunagari.gatherings.models import Gathering, GatheringKind, Recurrence
from tsunagari.partners.models import Member, MemberStatus, Role, RoleKind, Sector


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(client: Any, user: Any) -> Any:
    """Sign in as after the real login: admins and staff also pass the TOTP step."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if user.is_staff or user.roles.filter(kind=RoleKind.ADMIN).exists():
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="テスト用", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _org(name: str) -> Organization:
    organization = Organization.objects.create(name=name)
    Member.objects.create(
        organization=organization, sector=Sector.NPO, status=MemberStatus.APPROVED
    )
    return organization


@pytest.fixture
def org_a(db: None) -> Organization:
    return _org("（テスト）ひまわりの会")


@pytest.fixture
def org_b(db: None) -> Organization:
    return _org("（テスト）あおぞら商店会")


@pytest.fixture
def alice(org_a: Organization, password: str) -> Any:
    user = _user("alice", password)
    Role.objects.create(user=user, organization=org_a, kind=RoleKind.ADMIN)
    return user


@pytest.fixture
def bob(org_a: Organization, password: str) -> Any:
    user = _user("bob", password)
    Role.objects.create(user=user, organization=org_a, kind=RoleKind.MEMBER)
    return user


@pytest.fixture
def charlie(org_b: Organization, password: str) -> Any:
    user = _user("charlie", password)
    Role.objects.create(user=user, organization=org_b, kind=RoleKind.ADMIN)
    return user


def make_gathering(organization: Organization, **extra: Any) -> Gathering:
    fields: dict[str, Any] = {
        "title": "（テスト）ひだまりサロン",
        "kind": GatheringKind.SALON,
        "recurrence": Recurrence.WEEKLY,
        "weekday": "TU",
        "starts_on": date(2026, 12, 1),
        "start_time": time(10, 0),
        "end_time": time(12, 0),
        "ward": "sakai",
        "place_name": "（テスト）○○集会所",
        "cost": "100円",
        "newcomers_welcome_alone": True,
    }
    fields.update(extra)
    gathering = Gathering.objects.create(organization=organization, **fields)
    gathering.audiences.set(TaxonomyTerm.objects.filter(taxonomy="audience", code="elderly"))
    return gathering


@pytest.fixture
def salon(org_a: Organization) -> Gathering:
    return make_gathering(org_a)
