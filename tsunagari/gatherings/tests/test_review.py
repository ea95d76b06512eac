"""A member's gathering does not go live at once, and is not marked verified by itself:
its first publication waits for staff, who look at it and then publish it (decision 0024)."""

from typing import Any

import pytest
from django.urls import reverse

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Confidence
from tsunagari.gatherings.models import Gathering, GatheringState
from tsunagari.gatherings.tests.conftest import make_gathering
from tsunagari.testing import signed_in

pytestmark = pytest.mark.django_db

CALENDAR = {"start": "2026-12-01", "end": "2026-12-31"}


@pytest.fixture
def draft(org_a: Any) -> Gathering:
    return make_gathering(org_a, title="（テスト）土曜の将棋サロン")


def test_it_holds_a_members_gathering_for_staff_and_does_not_mark_it_verified(
    client: Any,
    bob: Any,
    draft: Gathering,
) -> None:
    signed_in(client, bob)
    response = client.post(f"/events/manage/{draft.pk}/publish/", follow=True)
    assert "事務局が確認してから公開します" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == GatheringState.SUBMITTED
    assert "土曜の将棋サロン" not in client.get("/events/", CALENDAR).content.decode()
    assert client.get(f"/events/{draft.pk}/").status_code == 404
    if draft.service is not None:
        assert draft.service.assured_date is None
        assert draft.service.confidence != Confidence.CONFIRMED


def test_it_goes_live_and_counts_as_checked_once_staff_approve(
    client: Any,
    bob: Any,
    sara: Any,
    draft: Gathering,
) -> None:
    draft.publish(by=bob)
    signed_in(client, sara)
    queue = client.get(reverse("gatherings:review_queue")).content.decode()
    assert "土曜の将棋サロン" in queue
    client.post(reverse("gatherings:approve", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.state == GatheringState.PUBLISHED
    assert draft.reviewed_by == sara
    assert draft.service is not None and draft.service.assured_date is not None
    assert draft.service.confidence == Confidence.CONFIRMED
    client.logout()
    assert "土曜の将棋サロン" in client.get("/events/", CALENDAR).content.decode()


def test_it_sends_a_gathering_back_to_its_draft_with_staffs_message(
    client: Any,
    bob: Any,
    sara: Any,
    draft: Gathering,
) -> None:
    draft.publish(by=bob)
    signed_in(client, sara)
    client.post(
        reverse("gatherings:send_back", args=[draft.pk]),
        {"message": "会場の名前を確かめてください。"},
    )
    draft.refresh_from_db()
    assert draft.state == GatheringState.DRAFT
    assert "会場の名前を確かめてください。" in [c.replacement_value for c in draft.history()]


def test_it_lets_an_approved_gathering_come_back_after_a_rest_without_a_new_review(
    bob: Any,
    sara: Any,
    draft: Gathering,
) -> None:
    draft.publish(by=bob)
    draft.approve(by=sara)
    draft.pause(by=bob)
    draft.publish(by=bob)
    assert draft.state == GatheringState.PUBLISHED


def test_it_refuses_approval_of_what_is_not_waiting(sara: Any, draft: Gathering) -> None:
    with pytest.raises(InvalidTransition):
        draft.approve(by=sara)
    draft.refresh_from_db()
    assert draft.state == GatheringState.DRAFT


@pytest.mark.parametrize("name", ["review_queue", "approve", "send_back"])
def test_it_keeps_the_review_pages_to_staff(
    client: Any,
    alice: Any,
    bob: Any,
    draft: Gathering,
    name: str,
) -> None:
    args = [] if name == "review_queue" else [draft.pk]
    url = reverse(f"gatherings:{name}", args=args)
    method = client.get if name == "review_queue" else client.post
    assert method(url).status_code == 302  # anonymous: to the login
    for person in (alice, bob):
        signed_in(client, person)
        assert method(url).status_code == 403
    draft.refresh_from_db()
    assert draft.state == GatheringState.DRAFT
