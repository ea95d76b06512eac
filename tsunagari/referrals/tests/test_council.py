"""A receiver who sits on the regional council takes a referral to it: a council case opens
from the referral (its person and note, a reference back), once; nobody else can."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tsunagari.council.models import Case, CaseSource
from tsunagari.council.tests.conftest import *  # noqa: F403 — the council and its members
from tsunagari.council.tests.conftest import council_signed_in
from tsunagari.referrals.models import EventKind, Referral
from tsunagari.sensitive.models import AccessRecord

pytestmark = pytest.mark.django_db


def test_the_receiver_on_the_council_opens_a_case_from_the_referral(
    referral: Referral, charlie: Any, m_charlie: Any
) -> None:
    client = council_signed_in(Client(), charlie)
    detail = reverse("referrals:detail", args=[referral.pk])
    assert "地域協議会のケースにする" not in client.get(detail).content.decode()  # not taken yet
    referral.acknowledge(by=charlie)
    assert "地域協議会のケースにする" in client.get(detail).content.decode()

    response = client.post(reverse("referrals:council", args=[referral.pk]))
    case = Case.objects.get()
    assert response["Location"] == reverse("council:case", args=[case.pk])
    assert (case.source, case.source_ref) == (
        CaseSource.REFERRAL,
        f"referrals.referral:{referral.pk}",
    )
    assert case.listings.filter(member=m_charlie).exists()
    page = client.get(response["Location"]).content.decode()
    assert "山田 花子" in page and "食事会で話を聞きました。" in page
    referral.refresh_from_db()
    assert referral.council_at is not None and referral.status == "acknowledged"
    assert referral.events.filter(kind=EventKind.COUNCIL, actor=charlie).count() == 1
    handover = AccessRecord.objects.get(
        table="referrals_referral", object_id=str(referral.pk), action="read"
    )
    assert handover.fields == "person_name,note" and handover.actor_id == charlie.pk

    again = client.post(reverse("referrals:council", args=[referral.pk]), follow=True)
    assert "いまの状態からは、その変更はできません。" in again.content.decode()
    assert Case.objects.count() == 1


def test_a_receiver_not_on_the_council_and_the_sender_on_it_get_404(
    referral: Referral, charlie: Any, alice: Any, m_alice: Any
) -> None:
    referral.acknowledge(by=charlie)
    url = reverse("referrals:council", args=[referral.pk])
    assert council_signed_in(Client(), charlie).post(url).status_code == 404
    assert council_signed_in(Client(), alice).post(url).status_code == 404  # the sender
    assert not Case.objects.exists()
    referral.refresh_from_db()
    assert referral.council_at is None
