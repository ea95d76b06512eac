"""What a person is shown: desks told apart from schemes, ended programmes never, and the
fictional demo only when demo mode is switched on."""

import csv
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tsunagari.directory.importers.retired import DEFAULT_PATH as RETIRED_PATH
from tsunagari.directory.importers.retired import listed_import_keys
from tsunagari.directory.models import (
    Address,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceKind,
    ServiceStatus,
    TaxonomyTerm,
)
from tsunagari.directory.tests.factories import make_service
from tsunagari.gatherings.models import Gathering
from tsunagari.navigator import index
from tsunagari.navigator.recommend import recommend

pytestmark = pytest.mark.django_db

RETIRED = Path(settings.BASE_DIR) / RETIRED_PATH


def load(*commands: str) -> None:
    for command in commands:
        call_command(command, stdout=StringIO())


def retired_keys() -> list[str]:
    with RETIRED.open(encoding="utf-8", newline="") as handle:
        return [row["import_key"] for row in csv.DictReader(handle)]


# --- Service.kind -------------------------------------------------------------------


def test_a_service_with_a_phone_is_a_desk_and_one_without_any_way_in_is_a_scheme() -> None:
    line = make_service("（テスト）電話の相談")
    line.refresh_kind()
    scheme = make_service("（テスト）手当の制度", phone=None)
    scheme.refresh_kind()
    assert (line.kind, scheme.kind) == (ServiceKind.DESK, ServiceKind.SCHEME)


@pytest.mark.parametrize("channel", ["chat", "sns", "visit", "mail"])
def test_a_chat_sns_visit_or_mail_channel_makes_a_desk(channel: str) -> None:
    service = make_service("（テスト）相談", phone=None)
    term = TaxonomyTerm.objects.get_or_create(taxonomy="channel", code=channel)[0]
    service.attributes.create(taxonomy_term=term)
    service.refresh_kind()
    assert Service.objects.get(pk=service.pk).kind == ServiceKind.DESK


def test_a_place_to_visit_or_an_email_makes_a_desk() -> None:
    placed = make_service("（テスト）窓口", phone=None)
    location = Location.objects.create(name="（テスト）会館")
    Address.objects.create(location=location, address_1="（テスト）堺区0-0")
    ServiceAtLocation.objects.create(service=placed, location=location)
    placed.refresh_kind()
    mailed = make_service("（テスト）メール相談", phone=None, email="soudan@example.org")
    mailed.refresh_kind()
    assert {placed.kind, mailed.kind} == {ServiceKind.DESK}


def test_the_importers_set_the_kind_of_every_listing() -> None:
    load("load_directory")
    kinds = dict(Service.objects.values_list("name", "kind"))
    assert kinds["堺基幹型包括支援センター"] == ServiceKind.DESK  # a phone
    assert kinds["こころのほっとチャット"] == ServiceKind.DESK  # SNS
    assert kinds["堺市社会福祉協議会"] == ServiceKind.DESK  # a place to visit, number pending
    assert kinds["働く人の悩みホットライン"] == ServiceKind.DESK  # a line of its own in 2021
    assert kinds["児童手当"] == ServiceKind.SCHEME
    assert kinds["地域包括支援センター"] == ServiceKind.SCHEME  # a kind of desk, not one desk


def test_the_service_page_says_in_plain_words_whether_one_can_contact_it() -> None:
    desk = make_service("（テスト）電話の相談")
    desk.refresh_kind()
    scheme = make_service("（テスト）手当の制度", phone=None)
    client = Client()
    desk_html = client.get(reverse("directory:service", args=[desk.pk])).content.decode()
    scheme_html = client.get(reverse("directory:service", args=[scheme.pk])).content.decode()
    assert "直接相談できるところです" in desk_html
    assert "読んで知っておきたい制度やしくみです" in scheme_html
    assert "直接相談できるところです" not in scheme_html


# --- retired programmes ---------------------------------------------------------------


def test_the_retired_list_names_only_listings_that_the_data_files_import() -> None:
    keys = retired_keys()
    assert keys, "the retired list is empty"
    assert set(keys) <= listed_import_keys()


def test_every_retired_listing_is_imported_but_never_public() -> None:
    load("load_directory")
    keys = retired_keys()
    retired = Service.objects.filter(import_key__in=keys)
    assert retired.count() == len(keys)
    assert all(s.status == ServiceStatus.DEFUNCT and s.retired_reason for s in retired)
    assert not Service.objects.public().filter(import_key__in=keys).exists()
    assert not [s.name for s in Service.objects.public() if "新型コロナ" in s.name]


def test_a_retired_scheme_is_on_no_public_page_and_not_in_the_navigator() -> None:
    load("load_directory")
    client = Client()
    loan = Service.objects.get(import_key="notalone:緊急小口資金等の特例貸付")
    assert client.get(reverse("directory:service", args=[loan.pk])).status_code == 404
    assert (
        loan.name
        not in client.get(reverse("directory:need", args=["money"]) + "?page=1").content.decode()
    )
    assert (
        "特例貸付"
        not in client.get(reverse("directory:search"), {"q": "特例貸付"})
        .content.decode()
        .split("の結果")[-1]
    )
    index.invalidate()
    answer = recommend("コロナで収入が減って、生活費が足りません", limit=50)
    assert loan.name not in [s.name for s in answer.services]
    assert str(loan.pk) not in {listing.id for listing in index.directory_index().listings}


def test_an_end_date_that_has_passed_retires_a_listing_and_a_future_one_does_not() -> None:
    today = timezone.localdate()
    ended = make_service("（テスト）終わった給付金", end_date=today - timedelta(days=1))
    running = make_service("（テスト）続く給付金", end_date=today + timedelta(days=30))
    public = set(Service.objects.public().values_list("name", flat=True))
    assert running.name in public and ended.name not in public
    assert list(Service.objects.retired().values_list("name", flat=True)) == [ended.name]


def test_it_refuses_a_retired_line_for_a_listing_that_does_not_exist(tmp_path: Path) -> None:
    load("import_contacts")
    path = tmp_path / "retired.csv"
    path.write_text(
        "import_key,ended_on,reason,decided_on,decided_by\n"
        "contacts:DV相談ナビ,,テスト,2026-12-02,テスト\n"
        "notalone:ない制度,,テスト,2026-12-02,テスト\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="3 行目"):
        call_command("import_retired", str(path), stdout=StringIO())
    assert Service.objects.get(import_key="contacts:DV相談ナビ").status == ServiceStatus.ACTIVE


# --- demo data ------------------------------------------------------------------------


@pytest.fixture
def demo() -> Iterator[None]:
    load("load_directory", "load_demo", "load_demo_gatherings")
    index.invalidate()
    yield
    index.invalidate()


DEMO = "（デモ）"


@override_settings(DEMO_MODE=False)
def test_with_demo_mode_off_no_public_queryset_holds_demo_rows(demo: None) -> None:
    assert Service.objects.filter(organization__is_demo=True).exists()
    assert not Service.objects.public().filter(organization__is_demo=True).exists()
    assert Gathering.objects.filter(organization__is_demo=True).exists()
    assert not Gathering.objects.published().filter(organization__is_demo=True).exists()


@override_settings(DEMO_MODE=False)
def test_with_demo_mode_off_the_navigator_answers_without_the_demo(demo: None) -> None:
    answer = recommend("さみしいです。近所でお茶を飲みながら話せるサロンはありますか", ward="sakai")
    assert answer.services, "the navigator found nothing at all"
    assert not [s.name for s in answer.services if DEMO in s.name]


@override_settings(DEMO_MODE=False)
def test_with_demo_mode_off_need_ward_search_and_calendar_pages_list_no_demo(demo: None) -> None:
    client = Client()
    for url in (
        reverse("directory:need", args=["connection"]),
        reverse("directory:ward", args=["sakai"]),
        reverse("directory:search") + "?q=サロン",
        reverse("directory:search") + "?q=デモ",
        reverse("gatherings:calendar"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert DEMO not in response.content.decode(), url
    demo_service = Service.objects.filter(organization__is_demo=True).first()
    assert demo_service is not None
    assert client.get(reverse("directory:service", args=[demo_service.pk])).status_code == 404


@override_settings(DEMO_MODE=True)
def test_with_demo_mode_on_the_demo_shows_and_is_marked(demo: None) -> None:
    client = Client()
    html = client.get(reverse("directory:ward", args=["sakai"])).content.decode()
    assert "（デモ）ひだまりサロン" in html
    assert "説明用の架空の相談先です" in html
    salon = Service.objects.get(name="（デモ）ひだまりサロン")
    page = client.get(reverse("directory:service", args=[salon.pk])).content.decode()
    assert "これは説明用の架空の相談先です。" in page
    answer = recommend("さみしいです。近所でお茶を飲みながら話せるサロンはありますか", ward="sakai")
    assert [s.name for s in answer.services if DEMO in s.name]


def test_demo_mode_is_off_unless_switched_on() -> None:
    assert settings.DEMO_MODE is False
    assert not Organization.objects.filter(is_demo=True).exists()
