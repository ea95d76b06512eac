import time
from datetime import date, timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import ReviewStatus, Service
from tsunagari.gatherings.tests.conftest import make_gathering
from tsunagari.listings.models import (
    ChangeAction,
    ConfirmationRequest,
    ListingChange,
)
from tsunagari.listings.services import (
    confirmation_from_token,
    confirmation_requests_send,
    confirmation_token,
    listing_approve,
    listing_confirm,
    listing_create,
    listing_send_back,
    listing_update,
    need_codes_of,
)
from tsunagari.listings.tests.conftest import make_listing
from tsunagari.outbox.models import Message

pytestmark = pytest.mark.django_db

DATA = {
    "name": "（テスト）新しい相談窓口",
    "description": "なんでも話してください。",
    "eligibility_description": "市内に住む人",
    "fees_description": "無料",
    "application_process": "メールで申し込み",
    "url": "https://example.org/soudan",
}


def test_it_creates_a_pending_listing_with_its_history(org_a, bob):
    service = listing_create(
        organization=org_a, data=DATA, need_codes=["connection", "mental"], by=bob
    )
    assert service.review_status == ReviewStatus.PENDING
    assert service not in Service.objects.public()
    assert need_codes_of(service) == ["connection", "mental"]
    changes = ListingChange.for_service(service)
    assert {c.field_name for c in changes} == {*DATA, "need_codes"}
    name = changes.get(field_name="name")
    assert (name.last_action_type, name.previous_value, name.replacement_value) == (
        ChangeAction.CREATE,
        "",
        "（テスト）新しい相談窓口",
    )
    assert name.updated_by == "bob@example.org" and name.updated_by_user == bob
    assert name.resource_type == "service" and name.resource_id == service.pk


def test_it_records_each_changed_field_and_keeps_a_published_listing_published(listing, bob):
    data = {**DATA, "name": listing.name, "description": "夜も話を聞きます。"}
    changes = listing_update(
        service=listing, data=data, need_codes=["mental", "connection"], by=bob
    )
    listing.refresh_from_db()
    assert listing.review_status == ReviewStatus.PUBLISHED
    assert listing.description == "夜も話を聞きます。"
    by_field = {c.field_name: c for c in changes}
    assert "name" not in by_field
    assert by_field["description"].previous_value == "話を聞きます。"
    assert by_field["description"].replacement_value == "夜も話を聞きます。"
    assert by_field["need_codes"].previous_value == "mental"
    assert by_field["need_codes"].replacement_value == "connection,mental"
    assert all(c.last_action_type == ChangeAction.UPDATE for c in changes)


def test_it_records_nothing_when_nothing_changed(listing, bob):
    data = {field: getattr(listing, field) for field in DATA}
    assert listing_update(service=listing, data=data, need_codes=["mental"], by=bob) == []
    assert not ListingChange.for_service(listing).exists()


def test_it_approves_a_pending_listing_and_tells_the_owner(org_a, alice, bob, sara):
    service = listing_create(organization=org_a, data=DATA, need_codes=["mental"], by=bob)
    listing_approve(service=service, by=sara)
    service.refresh_from_db()
    assert service.review_status == ReviewStatus.PUBLISHED
    assert service.assured_date == timezone.localdate()
    assert service in Service.objects.public()
    # Mail goes to the organisation's admin, written in the same transaction.
    assert list(Message.objects.values_list("to", flat=True)) == ["alice@example.org"]
    assert "新しい相談窓口" in Message.objects.get().subject
    actions = set(ListingChange.for_service(service).values_list("last_action_type", flat=True))
    assert ChangeAction.APPROVE in actions


def test_it_sends_back_with_a_message_and_resubmits_after_an_edit(org_a, alice, bob, sara):
    service = listing_create(organization=org_a, data=DATA, need_codes=["mental"], by=bob)
    listing_send_back(service=service, by=sara, message="対象の年齢を書いてください。")
    service.refresh_from_db()
    assert service.review_status == ReviewStatus.REJECTED
    assert "対象の年齢を書いてください。" in Message.objects.get().body
    listing_update(
        service=service,
        data={**DATA, "eligibility_description": "18歳以上"},
        need_codes=["mental"],
        by=bob,
    )
    service.refresh_from_db()
    assert service.review_status == ReviewStatus.PENDING
    resubmit = ListingChange.for_service(service).get(last_action_type=ChangeAction.RESUBMIT)
    assert (resubmit.previous_value, resubmit.replacement_value) == ("rejected", "pending")


def test_it_refuses_forbidden_review_moves(listing, org_a, bob, sara):
    with pytest.raises(InvalidTransition):
        listing_approve(service=listing, by=sara)  # already published
    with pytest.raises(InvalidTransition):
        listing_send_back(service=listing, by=sara, message="x")
    rejected = make_listing(org_a, review_status=ReviewStatus.REJECTED)
    with pytest.raises(InvalidTransition):
        listing_approve(service=rejected, by=sara)
    pending = listing_create(organization=org_a, data=DATA, need_codes=["mental"], by=bob)
    with pytest.raises(ValueError):
        listing_send_back(service=pending, by=sara, message="  ")
    listing.refresh_from_db()
    rejected.refresh_from_db()
    pending.refresh_from_db()
    assert (listing.review_status, rejected.review_status, pending.review_status) == (
        "published",
        "rejected",
        "pending",
    )


# --- yearly confirmation ----------------------------------------------------------------


def test_it_asks_owners_of_listings_unchecked_for_a_year_once(org_a, org_b, alice, bob, charlie):
    today = date(2026, 12, 1)
    old = make_listing(org_a, name="（テスト）古い掲載", assured_date=date(2025, 11, 30))
    make_listing(org_a, name="（テスト）新しい掲載", assured_date=date(2026, 1, 5))
    make_listing(
        org_a, name="（テスト）確認待ち", assured_date=None, review_status=ReviewStatus.PENDING
    )
    from tsunagari.directory.models import Organization

    stranger = Organization.objects.create(
        name="（テスト）参加していない団体", email="x@example.org"
    )
    make_listing(stranger, name="（テスト）取り込んだ掲載", assured_date=date(2020, 1, 1))
    gathering = make_gathering(org_a)
    gathering.publish()
    assert gathering.service is not None
    Service.objects.filter(pk=gathering.service.pk).update(assured_date=date(2020, 1, 1))

    assert confirmation_requests_send(today=today) == 1
    request = ConfirmationRequest.objects.get()
    assert request.service == old
    mail = Message.objects.get()
    assert mail.to == "alice@example.org"  # the admin, not bob
    assert "古い掲載" in mail.subject
    assert "/listings/confirm/" in mail.body
    # Asked within the last 30 days: not asked again.
    assert confirmation_requests_send(today=today) == 0
    ConfirmationRequest.objects.update(sent_at=timezone.now() - timedelta(days=31))
    assert confirmation_requests_send(today=today) == 1


def test_it_confirms_through_the_signed_token(listing, alice):
    request = ConfirmationRequest.objects.create(service=listing, sent_to="alice@example.org")
    token = confirmation_token(request)
    assert confirmation_from_token(token) == request
    assert confirmation_from_token(token + "x") is None
    assert confirmation_from_token("not-a-token") is None
    forged = signing.dumps({"request": request.pk}, salt="another-salt")
    assert confirmation_from_token(forged) is None
    listing_confirm(request=request, today=date(2026, 12, 2))
    listing.refresh_from_db()
    request.refresh_from_db()
    assert listing.assured_date == date(2026, 12, 2)
    assert listing.assurer_email == "alice@example.org"
    assert request.confirmed_at is not None
    change = ListingChange.for_service(listing).get(last_action_type=ChangeAction.CONFIRM)
    assert (change.previous_value, change.replacement_value) == ("2026-06-01", "2026-12-02")


def test_it_refuses_an_expired_token(listing, monkeypatch):
    request = ConfirmationRequest.objects.create(service=listing, sent_to="alice@example.org")
    sixty_one_days_ago = time.time() - 61 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: sixty_one_days_ago)
    token = confirmation_token(request)
    monkeypatch.undo()
    assert confirmation_from_token(token) is None


def test_it_marks_listings_overdue_by_three_months(org_a):
    today = date(2026, 12, 1)
    fresh = make_listing(org_a, assured_date=date(2025, 9, 1))
    stale = make_listing(org_a, assured_date=date(2025, 8, 31))
    assert not fresh.is_possibly_outdated(today)
    assert stale.is_possibly_outdated(today)
    assert list(Service.objects.public().possibly_outdated(today)) == [stale]


def test_it_sends_confirmation_requests_from_the_command(org_a, alice, capsys):
    make_listing(org_a, assured_date=date(2020, 1, 1))
    call_command("send_confirmation_requests")
    assert "1" in capsys.readouterr().out
    assert Message.objects.filter(to="alice@example.org").count() == 1
    call_command("send_confirmation_requests")
    assert Message.objects.count() == 1


def test_it_finds_the_owner_to_ask(org_a, org_b, alice, bob):
    from tsunagari.directory.models import Organization
    from tsunagari.listings.access import owner_emails

    assert owner_emails(org_a) == ["alice@example.org"]  # admins first
    alice.roles.all().delete()
    assert owner_emails(org_a) == ["bob@example.org"]  # then members
    assert owner_emails(org_b) == ["shotenkai@example.org"]  # then the contact person
    outsider = Organization.objects.create(
        name="（テスト）参加していない団体", email="x@example.org"
    )
    assert owner_emails(outsider) == []  # never organisations that did not join
