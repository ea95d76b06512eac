"""Listing review is a state machine on the model: explicit moves, the forbidden ones refused,
and nothing — not the admin, not a tampered form — sets the review status any other way."""

from typing import Any

import pytest
from django.urls import reverse

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Organization, Phone, ReviewStatus, Service
from tsunagari.directory.tests.test_admin import signed_in as staff_signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(org_a: Organization) -> Service:
    return Service.objects.create(
        organization=org_a, name="（テスト）よりみち相談", review_status=ReviewStatus.PENDING
    )


def test_it_moves_a_listing_only_along_the_review_transitions(pending: Service) -> None:
    pending.send_back_review()
    assert pending.review_status == ReviewStatus.REJECTED
    pending.resubmit_review()
    assert pending.review_status == ReviewStatus.PENDING
    pending.approve_review()
    pending.refresh_from_db()
    assert pending.review_status == ReviewStatus.PUBLISHED


@pytest.mark.parametrize(
    "start,move",
    [
        (ReviewStatus.PUBLISHED, "approve_review"),
        (ReviewStatus.PUBLISHED, "send_back_review"),
        (ReviewStatus.PUBLISHED, "resubmit_review"),
        (ReviewStatus.REJECTED, "approve_review"),
        (ReviewStatus.PENDING, "resubmit_review"),
    ],
)
def test_it_refuses_every_other_move_and_changes_nothing(
    pending: Service, start: str, move: str
) -> None:
    Service.objects.filter(pk=pending.pk).update(review_status=start)  # the starting state only
    pending.refresh_from_db()
    with pytest.raises(InvalidTransition):
        getattr(pending, move)()
    pending.refresh_from_db()
    assert pending.review_status == start


def test_it_gives_staff_no_review_status_to_edit_in_the_admin(
    client: Any, sara: Any, pending: Service
) -> None:
    staff_signed_in(client, sara)
    page = client.get(reverse("admin:directory_service_change", args=[pending.pk])).content.decode()
    assert 'name="review_status"' not in page
    assert "確認待ち" in page  # shown, read-only


def _phone_form(**data: str) -> Any:
    from tsunagari.directory.admin import PhoneInline

    return PhoneInline.form(
        data={"number": "077-777-7777", "type": "voice", "confidence": "unverified", **data}
    )


def test_it_refuses_a_phone_number_typed_in_the_admin_without_its_source() -> None:
    form = _phone_form()
    assert not form.is_valid()
    assert "出典" in str(form.errors)
    assert Phone.objects.count() == 0


def test_it_takes_a_phone_number_in_the_admin_with_its_source_and_date() -> None:
    form = _phone_form(
        source_name="堺市ホームページ",
        source_url="https://www.city.sakai.lg.jp/example",
        source_date="2026-12-01",
    )
    assert form.is_valid(), form.errors
