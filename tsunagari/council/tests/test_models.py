"""The council's rules on the models: terms, pledges, the case state machine, self-adding."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from tsunagari.core.transitions import InvalidTransition
from tsunagari.council.models import Case, CaseStatus, CouncilMember, Outcome
from tsunagari.council.services import case_open
from tsunagari.sensitive.models import AccessRecord

pytestmark = pytest.mark.django_db


def test_it_counts_only_members_in_term_who_signed(
    m_alice: Any, m_eiko: Any, m_fumi: Any, today: datetime.date, council: Any, sara: Any
) -> None:
    future = CouncilMember.objects.create(
        user=sara,
        body=council.bodies.first(),
        starts_on=today + datetime.timedelta(days=1),
        pledge_signed_on=today,
        pledge_version="テスト1",
    )
    assert list(CouncilMember.objects.active(today)) == [m_alice]
    assert future not in CouncilMember.objects.active(today)
    assert m_eiko in CouncilMember.objects.active(today - datetime.timedelta(days=2))


def test_it_stores_the_person_only_encrypted_and_logs_the_opening(case: Case, alice: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT person_name, situation FROM council_case")
        stored = " ".join(cursor.fetchone())
    assert "花子" not in stored and "ひとり暮らし" not in stored
    assert str(case.person_name) == "••••"
    opened = AccessRecord.objects.filter(object_id=str(case.pk), action="change").first()
    assert opened is not None and opened.fields == "open" and "花子" not in opened.payload()
    assert case.reveal("person_name", reader=alice, purpose="確認") == "テスト 花子"


def test_it_moves_a_case_only_along_the_allowed_paths(case: Case, m_alice: Any) -> None:
    assert case.status == CaseStatus.OPEN
    with pytest.raises(InvalidTransition):
        case.begin_follow_up(by=m_alice)
    case.start_support(by=m_alice)
    with pytest.raises(InvalidTransition):
        case.start_support(by=m_alice)
    case.begin_follow_up(by=m_alice)
    case.start_support(by=m_alice)  # back to support from follow-up
    case.close(by=m_alice, outcome=Outcome.CONNECTED, note="（テスト）地域の食堂につながった")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == Outcome.CONNECTED
    assert case.closed_at is not None
    for move in ("start_support", "begin_follow_up"):
        with pytest.raises(InvalidTransition):
            getattr(case, move)(by=m_alice)
    with pytest.raises(InvalidTransition):
        case.close(by=m_alice, outcome=Outcome.OTHER, note="x")
    moves = AccessRecord.objects.filter(object_id=str(case.pk)).values_list("fields", flat=True)
    assert list(moves).count("start_support") == 2 and "close" in moves


def test_it_refuses_an_unknown_outcome_and_changes_nothing(case: Case, m_alice: Any) -> None:
    with pytest.raises(InvalidTransition):
        case.close(by=m_alice, outcome="vanished", note="x")
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.outcome == ""


def test_it_never_lets_a_member_add_themselves(case: Case, m_bob: Any, m_charlie: Any) -> None:
    with pytest.raises(InvalidTransition):
        case.add_member(m_charlie, by=m_charlie)
    case.add_member(m_charlie, by=m_bob)
    assert case.listings.filter(member=m_charlie).exists()


def test_it_numbers_cases_by_year(m_alice: Any) -> None:
    first = case_open(by=m_alice, person_name="A", situation="（テスト）")
    second = case_open(by=m_alice, person_name="B", situation="（テスト）")
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"C{year}-0001", f"C{year}-0002")


def test_it_offers_closed_cases_past_retention_for_erasure(
    case: Case, m_alice: Any, settings: Any
) -> None:
    from tsunagari.council.models import CaseNote, Conference
    from tsunagari.council.services import conference_record, note_add

    note_add(case=case, by=m_alice, kind="situation", noted_on=timezone.localdate(), body="x")
    conference_record(
        case=case,
        by=m_alice,
        held_on=timezone.localdate(),
        attendees=[m_alice],
        agenda="a",
        minutes="m",
        decisions="d",
    )
    now = timezone.now()
    assert not Case.expired(now).exists()
    case.close(by=m_alice, outcome=Outcome.RESOLVED, note="（テスト）")
    later = now + datetime.timedelta(days=settings.COUNCIL_RETENTION_DAYS + 1)
    assert list(Case.expired(now)) == []
    assert list(Case.expired(later)) == [case]
    assert CaseNote.expired(later).count() == 1 and Conference.expired(later).count() == 1
    case.purge()
    assert list(Case.expired(later)) == []
