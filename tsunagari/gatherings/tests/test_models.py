from datetime import date, datetime, time

import pytest

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Schedule, Service, ServiceStatus
from tsunagari.gatherings.models import (
    TOKYO,
    Gathering,
    GatheringState,
    Recurrence,
)
from tsunagari.gatherings.tests.conftest import make_gathering

pytestmark = pytest.mark.django_db


def test_it_expands_a_weekly_gathering_on_its_weekday(salon):
    moments = salon.occurrences(date(2026, 12, 1), date(2026, 12, 31))
    assert [m.day for m in moments] == [1, 8, 15, 22, 29]
    assert moments[0] == datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)


def test_it_expands_the_second_saturday_of_each_month(org_a):
    gathering = make_gathering(
        org_a,
        recurrence=Recurrence.MONTHLY_NTH,
        weekday="SA",
        week_of_month=2,
        starts_on=date(2026, 1, 1),
    )
    moments = gathering.occurrences(date(2026, 12, 1), date(2027, 2, 28))
    assert [m.date() for m in moments] == [date(2026, 12, 12), date(2027, 1, 9), date(2027, 2, 13)]
    assert gathering.rrule_parts() == {"FREQ": "MONTHLY", "BYDAY": "2SA"}


def test_it_expands_the_last_friday_and_a_monthly_date(org_a):
    last = make_gathering(org_a, recurrence=Recurrence.MONTHLY_NTH, weekday="FR", week_of_month=-1)
    assert [m.date() for m in last.occurrences(date(2026, 12, 1), date(2026, 12, 31))] == [
        date(2026, 12, 25)
    ]
    dated = make_gathering(org_a, recurrence=Recurrence.MONTHLY_DATE, day_of_month=10, weekday="")
    assert [m.date() for m in dated.occurrences(date(2026, 12, 1), date(2027, 1, 31))] == [
        date(2026, 12, 10),
        date(2027, 1, 10),
    ]


def test_it_stops_after_the_until_date_and_not_before_the_start(org_a):
    gathering = make_gathering(org_a, starts_on=date(2026, 12, 8), until=date(2026, 12, 22))
    moments = gathering.occurrences(date(2026, 11, 1), date(2027, 3, 1))
    assert [m.day for m in moments] == [8, 15, 22]


def test_it_publishes_a_draft_and_creates_a_connection_service(salon, org_a):
    assert salon.state == GatheringState.DRAFT
    assert salon.service is None
    salon.publish()
    salon.refresh_from_db()
    service = salon.service
    assert service is not None
    assert service.organization == org_a
    assert service.status == ServiceStatus.ACTIVE
    assert service.review_status == "published"
    assert service.area == "ward" and service.ward == "sakai"
    assert list(service.terms.filter(taxonomy="need").values_list("code", flat=True)) == [
        "connection"
    ]
    schedule = service.schedules.get()
    assert (schedule.freq, schedule.byday, schedule.opens_at, schedule.closes_at) == (
        "WEEKLY",
        "TU",
        time(10, 0),
        time(12, 0),
    )
    assert service.assured_date is None  # the organiser saved it; nobody checked it
    assert org_a.name in service.source_name


def test_it_mirrors_a_monthly_rule_in_the_schedule(org_a):
    gathering = make_gathering(
        org_a, recurrence=Recurrence.MONTHLY_NTH, weekday="SA", week_of_month=2
    )
    gathering.publish()
    schedule = Schedule.objects.get(service=gathering.service)
    assert (schedule.freq, schedule.byday) == ("MONTHLY", "2SA")
    dated = make_gathering(org_a, recurrence=Recurrence.MONTHLY_DATE, day_of_month=15, weekday="")
    dated.publish()
    schedule = Schedule.objects.get(service=dated.service)
    assert (schedule.freq, schedule.bymonthday, schedule.byday) == ("MONTHLY", "15", "")


def test_it_hides_the_service_when_the_gathering_is_withdrawn(salon):
    salon.publish()
    salon.withdraw()
    salon.refresh_from_db()
    assert salon.state == GatheringState.WITHDRAWN
    assert salon.service.status == ServiceStatus.INACTIVE
    active = Service.objects.filter(status=ServiceStatus.ACTIVE, review_status="published")
    assert salon.service not in active
    public = getattr(Service.objects, "public", None)
    if public is not None:  # the directory's own definition of "shown to the public"
        assert salon.service not in public()


def test_it_republishes_with_the_same_service(salon):
    salon.publish()
    first = salon.service_id
    salon.withdraw()
    salon.publish()
    salon.refresh_from_db()
    assert salon.service_id == first
    assert salon.service.status == ServiceStatus.ACTIVE
    assert Schedule.objects.filter(service_id=first).count() == 1


def test_it_refuses_forbidden_moves(salon):
    with pytest.raises(InvalidTransition):
        salon.withdraw()  # a draft was never published
    salon.publish()
    with pytest.raises(InvalidTransition):
        salon.publish()  # already published
    salon.refresh_from_db()
    assert salon.state == GatheringState.PUBLISHED


def test_it_deletes_the_service_with_the_organisation(salon, org_a):
    salon.publish()
    service_id = salon.service_id
    org_a.delete()
    assert not Gathering.objects.filter(pk=salon.pk).exists()
    assert not Service.objects.filter(pk=service_id).exists()


def test_it_is_recommended_by_the_navigator_for_connection_while_published(salon):
    from tsunagari.navigator.recommend import Preferences, recommend_needs

    def names() -> list[str]:
        answer = recommend_needs(["connection"], Preferences(ward="sakai"))
        return [r.name for r in answer.services]

    assert "（テスト）ひだまりサロン" not in names()
    salon.publish()
    assert "（テスト）ひだまりサロン" in names()
    salon.withdraw()
    assert "（テスト）ひだまりサロン" not in names()


def test_it_links_the_service_to_the_gathering_page(salon):
    salon.publish()
    salon.refresh_from_db()
    assert salon.service is not None
    assert salon.service.url.endswith(f"/events/{salon.pk}/")
