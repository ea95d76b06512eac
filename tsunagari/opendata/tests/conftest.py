"""A small directory like the seed: sourced lines, a desk with a place, a 2021 scheme, and
what open data must never publish (a demo organisation's listing, a listing waiting for
review, a retired one). Numbers look fake on purpose (000-0000-0000)."""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

import pytest

from tsunagari.directory.importers.notalone import SOURCE_NAME as NOTALONE_CREDIT
from tsunagari.directory.importers.notalone import SOURCE_URL as NOTALONE_URL
from tsunagari.directory.models import (
    Accessibility,
    Address,
    Area,
    Attribute,
    Confidence,
    Language,
    Location,
    Organization,
    Phone,
    ReviewStatus,
    Schedule,
    Service,
    ServiceAtLocation,
)
from tsunagari.directory.tests.factories import make_service, need_term
from tsunagari.partners.tests.conftest import (  # noqa: F401 (fixtures)
    _fast_passwords,
    alice,
    bob,
    charlie,
    org_a,
    org_b,
    signed_in,
)

__all__ = ["Seed", "make_seed", "signed_in"]


@dataclass
class Seed:
    line: Service
    desk: Service
    scheme: Service
    demo: Service
    pending: Service
    retired: Service
    location: Location

    @property
    def public(self) -> list[Service]:
        return [self.line, self.desk, self.scheme]


def make_seed() -> Seed:
    line = make_service(
        "（テスト）こころの電話",
        needs=("mental", "suicide"),
        area=Area.NATIONAL,
        all_day=True,
        description="つらい気持ちを話せる電話です。",
        eligibility_description="どなたでも",
        hours_text="24時間365日",
        needs_reverification=True,
    )
    line.phones.update(source_name="テスト用の出典", confidence=Confidence.SECONDARY)

    city = Organization.objects.create(
        name="（テスト）堺市",
        description="市の窓口です。",
        website="https://www.example.org/",
        source_url="example.org/city",
        source_date="2026-12-01",
        confidence=Confidence.CONFIRMED,
    )
    Phone.objects.create(organization=city, number="000-0000-0001", source_date="2026")
    desk = make_service(
        "（テスト）くらしの相談窓口",
        needs=("money", "housing"),
        area=Area.WARD,
        ward="sakai",
        phone="000-0000-0002",
        url="https://www.example.org/kurashi",
        email="kurashi@example.org",
        fees_description="無料",
        minimum_age=18,
        assured_date=date(2026, 11, 20),
        closes_on_public_holidays=True,
        closes_over_new_year=True,
        application_process="電話で予約してください。",
    )
    desk.organization = city
    desk.save()
    location = Location.objects.create(
        organization=city,
        name="（テスト）総合福祉会館",
        description="5階です。",
        transportation="駅から歩いて10分",
        latitude=Decimal("34.573000"),
        longitude=Decimal("135.483000"),
        source_url="example.org/kaikan",
        source_date="2026-11",
        confidence=Confidence.CONFIRMED,
    )
    Address.objects.create(
        location=location,
        address_1="（テスト）堺区○○町1-1",
        city="堺市",
        state_province="大阪府",
        postal_code="590-0000",
        ward="sakai",
    )
    Accessibility.objects.create(location=location, description="車いすで入れます")
    Language.objects.create(location=location, name="やさしい日本語", code="ja")
    sal = ServiceAtLocation.objects.create(service=desk, location=location, description="窓口")
    Schedule.objects.create(
        service=desk, byday="MO,TU,WE,TH,FR", opens_at=time(9, 0), closes_at=time(17, 30)
    )
    Schedule.objects.create(
        service_at_location=sal, byday="SA", opens_at=time(10, 0), closes_at=time(12, 0)
    )
    Schedule.objects.create(
        service=desk,
        byday="MO",
        valid_from=date(2026, 12, 28),
        valid_to=date(2027, 1, 4),
        is_closure=True,
        description="年末年始",
    )
    Language.objects.create(service=desk, name="English", code="en", note="電話通訳")
    desk.refresh_kind()

    national = Organization.objects.create(name="（テスト）国の機関", description="")
    scheme = Service.objects.create(
        organization=national,
        name="（テスト）生活の給付",
        description="暮らしに困ったときの給付です。",
        area=Area.NATIONAL,
        source_name=NOTALONE_CREDIT,
        source_url=NOTALONE_URL,
        source_date="2021-11",
        needs_reverification=True,
        contact_text="お住まいの市区町村へ",
    )
    Attribute.objects.create(service=scheme, taxonomy_term=need_term("money"))

    demo_org = Organization.objects.create(name="（デモ）架空の団体", is_demo=True)
    demo = Service.objects.create(organization=demo_org, name="（デモ）架空の相談先")
    pending = make_service("（テスト）確認待ちの相談先", review_status=ReviewStatus.PENDING)
    retired = make_service("（テスト）終わった制度")
    retired.retire("2021年で終了")
    return Seed(line, desk, scheme, demo, pending, retired, location)


@pytest.fixture
def seed(db: None) -> Seed:
    return make_seed()
