"""The watch network's people and places, for the watch tests.

Centres (approved members, sector 地域包括支援センター):
  tsunagari_centre — （デモ）つながり地域包括支援センター: the demo area table gives it つながり町
  hidamari_centre  — （デモ）ひだまり地域包括支援センター: ひだまり通 (the "other centre")
  sakai_kikan      — 堺基幹型包括支援センター: 堺区's 基幹型 centre (a sourced name; test e-mail)
People: kimura (tsunagari centre), hayashi (hidamari centre), kato (堺基幹型), plus the
platform's bob (member of a non-centre organisation), sara (staff) and root.
Businesses: shop — （テスト）さかい新聞店 (approved, 堺区); bank — （テスト）みなと信用金庫 (approved).

Import with ``from tsunagari.watch.tests.conftest import *`` (it brings the partners fixtures).
"""

import re
import uuid
from datetime import date, datetime
from typing import Any

import pytest
from django.test import Client

from tsunagari.accounts.models import Role, RoleKind
from tsunagari.directory.hours import TOKYO
from tsunagari.directory.models import Organization
from tsunagari.partners.models import Sector
from tsunagari.partners.tests.conftest import *  # noqa: F403
from tsunagari.partners.tests.conftest import make_org, signed_in
from tsunagari.watch import services
from tsunagari.watch.models import BusinessStatus, Report, WatchBusiness
from tsunagari.watch.tables import DEMO_AREAS

# A Wednesday morning in Sakai, inside working hours.
WEDNESDAY_10 = datetime(2026, 12, 2, 10, 0, tzinfo=TOKYO)


@pytest.fixture(autouse=True)
def _demo_areas(settings: Any) -> None:
    settings.WATCH_AREAS_FILE = str(DEMO_AREAS)
    settings.SITE_URL = "https://tsunagari.example.jp"


def _centre(name: str, email: str) -> Organization:
    return make_org(name, Sector.CARE_CENTER, contact_email=email, contact_name="センター 受付")


@pytest.fixture
def tsunagari_centre(db: None) -> Organization:
    return _centre("（デモ）つながり地域包括支援センター", "tsunagari-centre@example.org")


@pytest.fixture
def hidamari_centre(db: None) -> Organization:
    return _centre("（デモ）ひだまり地域包括支援センター", "hidamari-centre@example.org")


@pytest.fixture
def sakai_kikan(db: None) -> Organization:
    return _centre("堺基幹型包括支援センター", "sakai-kikan@example.org")


def _person(username: str, password: str, centre: Organization, display_name: str) -> Any:
    from tsunagari.accounts.models import User

    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=password,
        display_name=display_name,
    )
    Role.objects.create(user=user, organization=centre, kind=RoleKind.MEMBER)
    return user


@pytest.fixture
def kimura(tsunagari_centre: Organization, password: str) -> Any:
    return _person("kimura", password, tsunagari_centre, "つながりセンター 木村")


@pytest.fixture
def hayashi(hidamari_centre: Organization, password: str) -> Any:
    return _person("hayashi", password, hidamari_centre, "ひだまりセンター 林")


@pytest.fixture
def kato(sakai_kikan: Organization, password: str) -> Any:
    return _person("kato", password, sakai_kikan, "堺基幹型 加藤")


def make_business(
    name: str, kind: str = "newspaper", ward: str = "sakai", **extra: Any
) -> WatchBusiness:
    return WatchBusiness.objects.create(
        name=name,
        kind=kind,
        ward=ward,
        contact_name=extra.pop("contact_name", "店長 山本"),
        contact_email=extra.pop("contact_email", f"{kind}@example.org"),
        status=extra.pop("status", BusinessStatus.APPROVED),
        **extra,
    )


@pytest.fixture
def shop(db: None) -> WatchBusiness:
    return make_business("（テスト）さかい新聞店", contact_email="shinbun@example.org")


@pytest.fixture
def bank(db: None) -> WatchBusiness:
    return make_business("（テスト）みなと信用金庫", kind="bank", contact_email="bank@example.org")


def report(
    business: WatchBusiness,
    *,
    place: str = "つながり町3丁目の角の家",
    kind: str = "mail_piling",
    danger: bool = False,
    now: datetime = WEDNESDAY_10,
    ward: str = "sakai",
) -> Report:
    made, _created = services.report_submit(
        business=business,
        idempotency_key=uuid.uuid4(),
        kind=kind,
        place=place,
        details="新聞が4日分たまっています。",
        noticed_on=date(2026, 12, 2),
        immediate_danger=danger,
        ward=ward,
        now=now,
    )
    return made


def centre_client(user: Any) -> Client:
    """Signed in with a confirmed second factor, as the report pages require for every role."""
    return signed_in(Client(), user, otp=True)


def must_find(pattern: str, text: str) -> "re.Match[str]":
    """The first match of ``pattern`` in ``text``; fails the test (showing the text) when absent."""
    found = re.search(pattern, text)
    assert found, text[:2000]
    return found
