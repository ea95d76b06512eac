"""The named people of every test, in one module (imported explicitly, never through ``*``).

tsunagari/conftest.py imports the fixtures from here, so every app's tests can ask for them
by name; helpers (``make_org``, ``signed_in``, ``signed_in_browser``) are imported from here.

org_a   — 「つながりテスト食堂」, an NPO, approved member (wards: 堺区, 北区)
org_b   — 「テスト商店会」, a shopping street association (another sector), approved
alice   — admin of org_a
bob     — member of org_a
charlie — admin of org_b (the outsider to org_a)
sara    — platform staff (the city's secretariat)
root    — system administrator
plain_user (dave) — signed in, a member of no organisation

``signed_in(client, user)`` signs a test client in as a fully signed-in person: people who
must use two-factor (staff, and everyone with a role in an organisation, decision 0024) get a
confirmed TOTP device and an OTP-verified session, as after the real login. Pass
``verified=False`` for a session that has not passed the second step, and ``otp=True`` to give
anyone a verified second factor.
"""

from typing import Any

import pytest
from django.test import Client

from tsunagari.accounts.models import Role, RoleKind
from tsunagari.directory.models import Organization
from tsunagari.partners.models import Member, MemberStatus, Sector

__all__ = [
    "_fast_passwords",
    "alice",
    "bob",
    "charlie",
    "make_org",
    "org_a",
    "org_b",
    "password",
    "plain_user",
    "root",
    "sara",
    "signed_in",
    "signed_in_browser",
]


@pytest.fixture
def password() -> str:
    return "kokoro-no-tomo-2026"


def _user(username: str, password: str, **extra: Any) -> Any:
    from tsunagari.accounts.models import User

    return User.objects.create_user(
        username=username, email=f"{username}@example.org", password=password, **extra
    )


@pytest.fixture
def sara(db: None, password: str) -> Any:
    return _user("sara", password, is_staff=True, display_name="事務局 さら")


@pytest.fixture
def root(db: None, password: str) -> Any:
    return _user("root", password, is_staff=True, is_superuser=True)


@pytest.fixture
def plain_user(db: None, password: str) -> Any:
    """Signed in, but a member of no organisation."""
    return _user("dave", password)


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Hashing a real password costs ~0.3 s; the URL × role walk creates seven people per case."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_org(
    name: str, sector: str, *, status: str = MemberStatus.APPROVED, **member: Any
) -> Organization:
    org = Organization.objects.create(name=name, description=f"{name}の紹介文です。")
    Member.objects.create(
        organization=org,
        sector=sector,
        status=status,
        contact_name=member.pop("contact_name", "担当 太郎"),
        contact_email=member.pop(
            "contact_email", f"contact-{Organization.objects.count()}@example.org"
        ),
        contact_public=member.pop("contact_public", True),
        **member,
    )
    return org


def signed_in(client: Client, user: Any, *, verified: bool = True, otp: bool = False) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tsunagari.accounts.twofactor import requires_two_factor

    client.force_login(user)
    if verified and (otp or requires_two_factor(user)):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="テスト用", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def signed_in_browser(page: Any, live_server: Any, user: Any) -> None:
    """Give a browser page the session of ``user``, second sign-in step done."""
    from urllib.parse import urlparse

    client = signed_in(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": urlparse(live_server.url).hostname,
                "path": "/",
            }
        ]
    )


@pytest.fixture
def org_a(db: None) -> Organization:
    return make_org(
        "つながりテスト食堂",
        Sector.NPO,
        needs=["connection", "money"],
        wards=["sakai", "kita"],
        can_offer="週1回の食事会の場所を貸せます。",
        looking_for="配達を手伝ってくれる人",
        contact_email="shokudo@example.org",
    )


@pytest.fixture
def org_b(db: None) -> Organization:
    return make_org(
        "テスト商店会",
        Sector.COMMERCE,
        needs=["connection", "elderly"],
        wards=["kita"],
        can_offer="空き店舗を集まりに使えます。",
        contact_email="shotenkai@example.org",
    )


def _person(username: str, password: str, org: Organization, kind: str, display_name: str) -> Any:
    from tsunagari.accounts.models import User

    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=password,
        display_name=display_name,
    )
    Role.objects.create(user=user, organization=org, kind=kind)
    return user


@pytest.fixture
def alice(org_a: Organization, password: str) -> Any:
    return _person("alice", password, org_a, RoleKind.ADMIN, "食堂 ありす")


@pytest.fixture
def bob(org_a: Organization, password: str) -> Any:
    return _person("bob", password, org_a, RoleKind.MEMBER, "食堂 ぼぶ")


@pytest.fixture
def charlie(org_b: Organization, password: str) -> Any:
    return _person("charlie", password, org_b, RoleKind.ADMIN, "商店会 ちゃーりー")
