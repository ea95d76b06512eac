"""Every allowed and forbidden move of a business's registration and of a report."""

from datetime import timedelta

import pytest

from tsunagari.core.transitions import InvalidTransition
from tsunagari.watch.models import BusinessStatus, Outcome, ReportStatus
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import WEDNESDAY_10, make_business, report

pytestmark = pytest.mark.django_db

BUSINESS_MOVES = {
    "approve": ({BusinessStatus.APPLIED}, BusinessStatus.APPROVED),
    "decline": ({BusinessStatus.APPLIED}, BusinessStatus.DECLINED),
    "suspend": ({BusinessStatus.APPROVED}, BusinessStatus.SUSPENDED),
    "resume": ({BusinessStatus.SUSPENDED}, BusinessStatus.APPROVED),
    "withdraw": (
        {BusinessStatus.APPLIED, BusinessStatus.APPROVED, BusinessStatus.SUSPENDED},
        BusinessStatus.WITHDRAWN,
    ),
}


@pytest.mark.parametrize("move", BUSINESS_MOVES)
@pytest.mark.parametrize("start", BusinessStatus.values)
def test_a_business_moves_only_where_its_workflow_allows(move, start, sara):
    business = make_business("（テスト）状態の店", status=start)
    allowed, target = BUSINESS_MOVES[move]
    if start in allowed:
        getattr(business, move)(by=sara)
        business.refresh_from_db()
        assert business.status == target
        assert business.decided_by == sara
    else:
        with pytest.raises(InvalidTransition):
            getattr(business, move)(by=sara)
        business.refresh_from_db()
        assert business.status == start


def test_only_an_approved_business_can_report_through_its_qr_token(shop):
    assert type(shop).by_report_token(shop.report_token) == shop
    shop.suspend(by=None)
    assert type(shop).by_report_token(shop.report_token) is None


def test_a_report_is_acknowledged_then_closed_never_the_other_way(shop, tsunagari_centre, kimura):
    made = report(shop)
    with pytest.raises(InvalidTransition):
        made.close(outcome=Outcome.SAFE, at=WEDNESDAY_10)
    made.acknowledge(by=kimura, at=WEDNESDAY_10)
    with pytest.raises(InvalidTransition):
        made.acknowledge(by=kimura, at=WEDNESDAY_10)
    with pytest.raises(InvalidTransition):
        made.mark_escalated(at=WEDNESDAY_10)
    made.close(outcome=Outcome.SAFE, at=WEDNESDAY_10 + timedelta(hours=1))
    made.refresh_from_db()
    assert (made.status, made.outcome) == (ReportStatus.CLOSED, "safe")
    for move in (
        lambda: made.close(outcome=Outcome.SAFE, at=WEDNESDAY_10),
        lambda: made.acknowledge(by=kimura, at=WEDNESDAY_10),
        lambda: made.transfer(to=tsunagari_centre, due=WEDNESDAY_10),
        lambda: made.mark_escalated(at=WEDNESDAY_10),
    ):
        with pytest.raises(InvalidTransition):
            move()


def test_a_transfer_hands_the_report_over_with_a_fresh_deadline(
    shop, tsunagari_centre, hidamari_centre, kimura
):
    made = report(shop)
    made.acknowledge(by=kimura, at=WEDNESDAY_10)
    with pytest.raises(InvalidTransition):
        made.transfer(to=tsunagari_centre, due=WEDNESDAY_10)
    made.transfer(to=hidamari_centre, due=WEDNESDAY_10 + timedelta(hours=4))
    made.refresh_from_db()
    assert made.centre == hidamari_centre
    assert made.first_centre == tsunagari_centre
    assert made.status == ReportStatus.RECEIVED
    assert made.acknowledged_at is None
    assert made.transfer_count == 1


def test_an_escalation_happens_once(shop, tsunagari_centre):
    made = report(shop)
    made.mark_escalated(at=WEDNESDAY_10)
    with pytest.raises(InvalidTransition):
        made.mark_escalated(at=WEDNESDAY_10)


def test_an_unknown_outcome_is_refused(shop, tsunagari_centre, kimura):
    made = report(shop)
    made.acknowledge(by=kimura, at=WEDNESDAY_10)
    with pytest.raises(ValueError):
        made.close(outcome="vanished", at=WEDNESDAY_10)
