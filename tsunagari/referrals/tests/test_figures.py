"""Public figures per service: only from five referrals on, median time and share accepted."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tsunagari.referrals.models import ReferralStatus
from tsunagari.referrals.tests.conftest import refer

pytestmark = pytest.mark.django_db
SENT = datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Asia/Tokyo"))


def _referrals(alice, org_a, desk, charlie, hours_and_endings):
    for n, (hours, ending) in enumerate(hours_and_endings):
        with time_machine.travel(SENT, tick=False):
            referral = refer(alice, org_a, desk, name=f"人{n}", contact_how=f"{n}@example.org")
        if hours is not None:
            with time_machine.travel(SENT + timedelta(hours=hours), tick=False):
                referral.acknowledge(by=charlie)
        if ending:
            referral.end(ending, by=charlie, reason="定員に達しました")


def test_it_shows_nothing_below_five_referrals(client, alice, charlie, org_a, desk_b):
    _referrals(alice, org_a, desk_b, charlie, [(2, None)] * 4)
    html = client.get(reverse("referrals:figures")).content.decode()
    assert "商店会のよろず相談" not in html
    assert "まだ出せる相談先はありません" in html


def test_it_shows_the_median_and_the_share_accepted_from_five(
    client, alice, charlie, org_a, desk_b
):
    _referrals(
        alice,
        org_a,
        desk_b,
        charlie,
        [
            (1, None),
            (3, None),
            (5, None),
            (9, None),
            (None, ReferralStatus.NO_CAPACITY),  # refused without acknowledging
        ],
    )
    html = client.get(reverse("referrals:figures")).content.decode()
    assert "商店会のよろず相談" in html
    assert "4.0 時間" in html  # median of 1, 3, 5, 9
    assert "80%" in html  # 4 of the 5 answered were taken on
