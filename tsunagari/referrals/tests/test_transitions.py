"""The lifecycle: every allowed move, every forbidden one, and what each records."""

from datetime import datetime
from typing import Any

import pytest

from tsunagari.core.transitions import InvalidTransition
from tsunagari.referrals.deadlines import add_working_days, is_working_day
from tsunagari.referrals.models import (
    ALLOWED_FROM,
    EventKind,
    Referral,
    ReferralStatus,
    match_key,
)
from tsunagari.referrals.tests.conftest import refer
from tsunagari.sensitive.crypto import new_key
from tsunagari.sensitive.models import AccessRecord, Action

pytestmark = pytest.mark.django_db

S = ReferralStatus


def _at(status: str, referral: Referral, by: Any) -> Referral:
    """Walk a fresh referral to ``status`` along the main path."""
    paths: dict[str, list[str]] = {
        S.SENT: [],
        S.ACKNOWLEDGED: [S.ACKNOWLEDGED],
        S.CONTACTED: [S.ACKNOWLEDGED, S.CONTACTED],
    }
    path = paths[status]
    for step in path:
        referral.move(step, by=by)
    return referral


def test_it_walks_the_main_path_and_records_who_and_when(referral, charlie):
    referral.acknowledge(by=charlie)
    referral.record_contact(by=charlie)
    referral.connect(by=charlie, reason="食事会に来てくれました")
    referral.refresh_from_db()
    assert referral.status == S.CONNECTED
    assert referral.acknowledged_at is not None and referral.closed_at is not None
    assert referral.outcome_reason == "食事会に来てくれました"
    moves = list(referral.events.filter(kind=EventKind.MOVED))
    assert [(e.from_status, e.to_status) for e in moves] == [
        (S.SENT, S.ACKNOWLEDGED),
        (S.ACKNOWLEDGED, S.CONTACTED),
        (S.CONTACTED, S.CONNECTED),
    ]
    assert {e.actor for e in moves} == {charlie}
    changes = AccessRecord.objects.filter(
        object_id=str(referral.pk), action=Action.CHANGE, fields="状態変更"
    )
    assert changes.count() == 3


CASES = [
    (start, to, start in ALLOWED_FROM[to])
    for start in (S.SENT, S.ACKNOWLEDGED, S.CONTACTED)
    for to in ALLOWED_FROM
    if to != S.REFERRED_ON
]


@pytest.mark.parametrize("start,to,allowed", CASES, ids=[f"{s}-{t}" for s, t, _a in CASES])
def test_it_allows_exactly_the_listed_moves(referral, charlie, start, to, allowed):
    _at(start, referral, charlie)
    if allowed:
        referral.move(to, by=charlie, reason="理由を書きました")
        referral.refresh_from_db()
        assert referral.status == to
    else:
        with pytest.raises(InvalidTransition):
            referral.move(to, by=charlie, reason="理由を書きました")
        referral.refresh_from_db()
        assert referral.status == start


@pytest.mark.parametrize("ending", [S.CONNECTED, *S.endings(), S.WITHDRAWN])
def test_it_allows_nothing_after_an_ending(referral, charlie, ending):
    referral.acknowledge(by=charlie)
    if ending == S.CONNECTED:
        referral.record_contact(by=charlie)
    other = refer(charlie, referral.to_organization, referral.service, name="別の人")
    referral.move(ending, by=charlie, reason="理由", next_referral=other)
    for to in ALLOWED_FROM:
        with pytest.raises(InvalidTransition):
            referral.move(to, by=charlie, reason="理由", next_referral=other)


def test_it_refuses_a_refusal_without_a_reason_and_changes_nothing(referral, charlie):
    with pytest.raises(InvalidTransition):
        referral.end(S.NO_CAPACITY, by=charlie, reason="  ")
    referral.refresh_from_db()
    assert referral.status == S.SENT
    assert not referral.events.filter(kind=EventKind.MOVED).exists()


def test_it_links_the_next_referral_when_passed_on(referral, charlie, org_b, city_desk):
    referral.acknowledge(by=charlie)
    with pytest.raises(InvalidTransition):
        referral.end(S.REFERRED_ON, by=charlie)
    onward = refer(charlie, org_b, city_desk)
    referral.end(S.REFERRED_ON, by=charlie, next_referral=onward)
    referral.refresh_from_db()
    assert referral.next_referral == onward
    assert list(onward.previous.all()) == [referral]


def test_it_erases_the_details_but_keeps_the_fact_when_consent_is_withdrawn(referral, alice):
    referral.withdraw_consent(by=alice, reason="電話で取り消し")
    referral = Referral.objects.get(pk=referral.pk)
    assert referral.status == S.WITHDRAWN
    assert referral.is_erased
    assert referral.needs == [] and referral.match_key == ""
    for name in ("person_name", "contact_how", "contact_when", "note"):
        assert referral.reveal(name, reader=alice, purpose="試験") == ""
    assert referral.consent.withdrawn_at is not None
    assert referral.events.filter(kind=EventKind.CONSENT_WITHDRAWN).exists()
    assert referral.service and referral.from_organization  # the fact stays
    with pytest.raises(InvalidTransition):
        referral.withdraw_consent(by=alice)


def test_it_hashes_the_person_with_a_key_and_folds_width_and_spaces(settings):
    one = match_key(name="ヤマダ　ハナコ", contact="099-9999-9999")
    assert one == match_key(name="ﾔﾏﾀﾞﾊﾅｺ", contact="０９９９９９９９９９９")
    assert "ヤマダ" not in one and "0999" not in one and len(one) == 64
    settings.SENSITIVE_KEYS = f"k2:{new_key()}"
    assert match_key(name="ヤマダ　ハナコ", contact="099-9999-9999") != one
    assert match_key(name=" ", contact="") == ""


def test_it_keeps_plaintext_out_of_the_matching_key(referral):
    assert "山田" not in referral.match_key and "099-9999" not in referral.match_key


TOKYO = "Asia/Tokyo"


def _tokyo(year: int, month: int, day: int, hour: int = 0) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(year, month, day, hour, tzinfo=ZoneInfo(TOKYO))


def test_it_counts_working_days_past_weekends_holidays_and_the_year_end():
    assert not is_working_day(_tokyo(2026, 11, 3).date())  # 文化の日
    assert not is_working_day(_tokyo(2026, 12, 29).date())
    assert not is_working_day(_tokyo(2027, 1, 3).date())
    # Friday 10:00 + 2 working days = Tuesday 10:00.
    assert add_working_days(_tokyo(2026, 12, 4, 10), 2) == _tokyo(2026, 12, 8, 10)
    # Monday 12/28 + 2: 12/29–1/3 closed, 1/4 (Mon) and 1/5 (Tue).
    assert add_working_days(_tokyo(2026, 12, 28, 15), 2) == _tokyo(2027, 1, 5, 15)
    # Sent on Saturday night: counting starts Monday 9:00.
    assert add_working_days(_tokyo(2026, 12, 5, 23), 1) == _tokyo(2026, 12, 8, 9)
    # 11/2 (Mon) + 1: 11/3 is a holiday, so Wednesday.
    assert add_working_days(_tokyo(2026, 11, 2, 9), 1) == _tokyo(2026, 11, 4, 9)
