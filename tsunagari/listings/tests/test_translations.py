"""Owners write their listing in other languages on its own page (decision 0039): the same
people who may edit it, only the fields they keep, with every change in the history and on
the staff's list of recent edits (decision 0005)."""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from tsunagari.directory.models import ReviewStatus, Service
from tsunagari.gatherings.tests.conftest import make_gathering
from tsunagari.listings.models import ChangeAction, ListingChange
from tsunagari.listings.tests.conftest import make_listing, signed_in
from tsunagari.translations.models import ContentTranslation

pytestmark = pytest.mark.django_db


def rows(*entries: tuple[str, str, str], initial: int = 0, **extra: str) -> dict[str, str]:
    data = {
        "translations-TOTAL_FORMS": str(len(entries)),
        "translations-INITIAL_FORMS": str(initial),
    }
    for i, (language, field, text) in enumerate(entries):
        data |= {
            f"translations-{i}-language": language,
            f"translations-{i}-field": field,
            f"translations-{i}-text": text,
        }
    return data | extra


def translation_of(service: Service, language: str, field: str) -> ContentTranslation | None:
    return ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(Service),
        object_id=service.pk,
        language=language,
        field=field,
    ).first()


def reader(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def url_of(service: Service) -> str:
    return reverse("listings:translations", args=[service.pk])


def test_it_lets_a_member_write_the_listing_in_english_for_the_public(client, bob, listing):
    signed_in(client, bob)
    edit = client.get(reverse("listings:edit", args=[listing.pk])).content.decode()
    assert url_of(listing) in edit  # 「ほかのことばでの案内を書く」 from the edit form
    page = client.get(url_of(listing)).content.decode()
    assert "「（テスト）こころの相談室」の案内を、ほかのことばで書けます。" in page
    response = client.post(
        url_of(listing),
        rows(("en", "name", "(Test) Heart room"), ("en", "description", "We listen.")),
        follow=True,
    )
    assert "変更を保存しました。" in response.content.decode()
    html = reader("en").get(reverse("directory:service", args=[listing.pk])).content.decode()
    assert "(Test) Heart room" in html
    assert "We listen." in html
    assert "話を聞きます。" not in html


def test_it_writes_each_translation_to_the_history_and_the_staff_review_list(
    client, alice, sara, listing
):
    signed_in(client, alice)
    client.post(url_of(listing), rows(("vi", "fees_description", "Miễn phí")))
    row = translation_of(listing, "vi", "fees_description")
    assert row is not None
    client.post(
        url_of(listing),
        rows(
            ("vi", "fees_description", "Miễn phí (thử)"),
            initial=1,
            **{"translations-0-id": str(row.pk)},
        ),
    )
    history = list(
        ListingChange.for_service(listing).values_list(
            "last_action_type", "field_name", "previous_value", "replacement_value", "updated_by"
        )
    )
    assert history == [
        (
            ChangeAction.UPDATE,
            "fees_description (vi)",
            "Miễn phí",
            "Miễn phí (thử)",
            "alice@example.org",
        ),
        (ChangeAction.UPDATE, "fees_description (vi)", "", "Miễn phí", "alice@example.org"),
    ]
    signed_in(client, sara)
    queue = client.get(reverse("listings:review_queue")).content.decode()
    assert "fees_description (vi)" in queue
    assert (
        "Miễn phí (thử)"
        in client.get(reverse("listings:history", args=[listing.pk])).content.decode()
    )


def test_it_removes_a_translation_and_says_so_in_the_history(client, bob, listing):
    signed_in(client, bob)
    client.post(url_of(listing), rows(("ko", "name", "(테스트) 마음 상담실")))
    row = translation_of(listing, "ko", "name")
    assert row is not None
    client.post(
        url_of(listing),
        rows(
            ("ko", "name", "(테스트) 마음 상담실"),
            initial=1,
            **{"translations-0-id": str(row.pk), "translations-0-DELETE": "on"},
        ),
    )
    assert translation_of(listing, "ko", "name") is None
    removal = ListingChange.for_service(listing).first()
    assert removal is not None
    assert (removal.field_name, removal.previous_value, removal.replacement_value) == (
        "name (ko)",
        "(테스트) 마음 상담실",
        "",
    )
    html = reader("ko").get(reverse("directory:service", args=[listing.pk])).content.decode()
    assert "（テスト）こころの相談室" in html


def test_it_sends_a_sent_back_listing_to_review_again(client, bob, org_a):
    listing = make_listing(org_a, review_status=ReviewStatus.REJECTED)
    signed_in(client, bob)
    client.post(url_of(listing), rows(("en", "name", "(Test) Heart room")))
    listing.refresh_from_db()
    assert listing.review_status == ReviewStatus.PENDING
    assert (
        ListingChange.for_service(listing).filter(last_action_type=ChangeAction.RESUBMIT).exists()
    )


def test_it_keeps_a_pending_listings_translation_off_the_public_page(client, bob, org_a):
    listing = make_listing(org_a, review_status=ReviewStatus.PENDING)
    signed_in(client, bob)
    client.post(url_of(listing), rows(("en", "name", "(Test) Not yet")))
    assert translation_of(listing, "en", "name") is not None
    response = reader("en").get(reverse("directory:service", args=[listing.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("field", ["contact_text", "hours_text", "alert", "url", "review_status"])
def test_it_offers_only_the_fields_the_owner_keeps(client, bob, listing, field):
    signed_in(client, bob)
    page = client.get(url_of(listing)).content.decode()
    assert f'value="{field}"' not in page
    response = client.post(url_of(listing), rows(("en", field, "Call 000-0000")))
    assert response.status_code == 200
    assert f"正しく選択してください。 {field} は候補にありません。" in response.content.decode()
    assert not ContentTranslation.objects.filter(object_id=listing.pk).exists()
    assert not ListingChange.for_service(listing).exists()


def test_it_neither_shows_nor_touches_staffs_translation_of_a_contact_text(client, bob, listing):
    staff_row: Any = ContentTranslation.objects.create(
        content_type=ContentType.objects.get_for_model(Service),
        object_id=listing.pk,
        language="en",
        field="contact_text",
        text="(Test) staff's words",
    )
    signed_in(client, bob)
    page = client.get(url_of(listing)).content.decode()
    assert "(Test) staff&#x27;s words" not in page and "(Test) staff's words" not in page
    # A forged row id of staff's translation cannot change it.
    client.post(
        url_of(listing),
        rows(
            ("en", "name", "(Test) forged"), initial=1, **{"translations-0-id": str(staff_row.pk)}
        ),
    )
    staff_row.refresh_from_db()
    assert (staff_row.field, staff_row.text) == ("contact_text", "(Test) staff's words")


def test_it_explains_two_rows_for_the_same_field_instead_of_failing(client, bob, listing):
    signed_in(client, bob)
    response = client.post(
        url_of(listing), rows(("en", "name", "(Test) One"), ("en", "name", "(Test) Two"))
    )
    assert response.status_code == 200
    assert "同じことばの同じ項目が2つあります。" in response.content.decode()
    assert translation_of(listing, "en", "name") is None


def test_it_explains_a_second_row_for_a_field_already_translated(client, bob, listing):
    signed_in(client, bob)
    client.post(url_of(listing), rows(("en", "name", "(Test) One")))
    row = translation_of(listing, "en", "name")
    assert row is not None
    response = client.post(
        url_of(listing),
        rows(
            ("en", "name", "(Test) One"),
            ("en", "name", "(Test) Two"),
            initial=1,
            **{"translations-0-id": str(row.pk)},
        ),
    )
    assert response.status_code == 200
    assert "同じことばの同じ項目が2つあります。" in response.content.decode()


def test_it_says_when_nothing_changed(client, bob, listing):
    signed_in(client, bob)
    response = client.post(url_of(listing), rows(), follow=True)
    assert "変更はありませんでした。" in response.content.decode()
    assert not ListingChange.for_service(listing).exists()


@pytest.mark.parametrize("who", ["plain_user", "charlie", "sara"])
def test_it_keeps_outsiders_from_the_translations_page(client, request, listing, who):
    signed_in(client, request.getfixturevalue(who))
    assert client.get(url_of(listing)).status_code == 404
    assert client.post(url_of(listing), rows(("en", "name", "(Test) x"))).status_code == 404
    assert not ContentTranslation.objects.exists()


def test_it_leaves_a_gatherings_directory_entry_to_the_gathering(client, bob, org_a):
    gathering = make_gathering(org_a)
    gathering.publish()
    gathering.refresh_from_db()
    signed_in(client, bob)
    assert gathering.service_id is not None
    assert (
        client.get(reverse("listings:translations", args=[gathering.service_id])).status_code == 404
    )
