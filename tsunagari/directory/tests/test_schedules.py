"""Opening hours: "can I call now?" at fixed moments in Asia/Tokyo."""

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tsunagari.directory.models import Frequency, Organization, Schedule, Service

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=TOKYO)


def service(*rows: dict[str, Any], **fields: Any) -> Service:
    org = Organization.objects.create(name="テスト団体")
    svc = Service.objects.create(organization=org, name="テストの相談先", **fields)
    for row in rows:
        Schedule.objects.create(service=svc, **row)
    return Service.objects.prefetch_related("schedules").get(pk=svc.pk)


def weekly(byday: str, opens: time, closes: time, **extra: Any) -> dict[str, Any]:
    return {
        "freq": Frequency.WEEKLY,
        "byday": byday,
        "opens_at": opens,
        "closes_at": closes,
        **extra,
    }


def monthly(opens: time, closes: time, **extra: Any) -> dict[str, Any]:
    return {"freq": Frequency.MONTHLY, "opens_at": opens, "closes_at": closes, **extra}


def test_it_is_open_on_a_weekday_during_hours() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)))
    status = desk.opening_status(at(2026, 11, 24, 10))  # Tuesday
    assert status.state == "open"
    assert status.is_open is True
    assert status.always_open is False
    assert status.today == [(time(9), time(17, 30))]
    assert status.closes_at == at(2026, 11, 24, 17, 30)


def test_it_is_closed_at_the_weekend_and_says_when_it_opens_next() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)))
    status = desk.opening_status(at(2026, 11, 28, 10))  # Saturday
    assert status.state == "closed"
    assert status.is_open is False
    assert status.today == []
    assert status.closes_at is None
    assert status.next_open == at(2026, 11, 30, 9)  # Monday


def test_it_opens_later_the_same_day_before_opening_time() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)))
    status = desk.opening_status(at(2026, 11, 24, 8, 59))
    assert status.is_open is False
    assert status.next_open == at(2026, 11, 24, 9)


def test_it_is_closed_at_the_closing_minute() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)))
    status = desk.opening_status(at(2026, 11, 24, 17, 30))
    assert status.is_open is False
    assert status.next_open == at(2026, 11, 25, 9)


def test_it_accepts_a_moment_in_another_time_zone() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)))
    utc_moment = datetime(2026, 11, 24, 1, 0, tzinfo=ZoneInfo("UTC"))  # 10:00 in Tokyo
    assert desk.opening_status(utc_moment).is_open is True


def test_it_is_closed_on_a_public_holiday_when_the_desk_closes_on_them() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)), closes_on_public_holidays=True)
    status = desk.opening_status(at(2026, 11, 23, 10))  # 勤労感謝の日, a Monday
    assert status.is_open is False
    assert status.today == []
    assert status.next_open == at(2026, 11, 24, 9)


def test_it_stays_open_on_a_public_holiday_when_the_desk_does_not_close() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)))
    assert desk.opening_status(at(2026, 11, 23, 10)).is_open is True


def test_it_is_closed_over_the_new_year_and_reopens_on_january_4() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(17, 30)), closes_over_new_year=True)
    status = desk.opening_status(at(2026, 12, 31, 10))  # Thursday
    assert status.is_open is False
    assert status.next_open == at(2027, 1, 4, 9)
    assert desk.opening_status(at(2026, 12, 28, 10)).is_open is True


def test_a_daily_line_with_a_year_end_break_is_closed_on_new_years_day() -> None:
    line = service(weekly(EVERY_DAY, time(16), time(21)), closes_over_new_year=True)
    assert line.opening_status(at(2027, 1, 1, 17)).is_open is False
    assert line.opening_status(at(2027, 1, 4, 17)).is_open is True


def test_it_is_always_open_for_a_24_hour_line() -> None:
    line = service(weekly(EVERY_DAY, time(0), time(0)))
    status = line.opening_status(at(2026, 12, 31, 3))
    assert status.state == "open"
    assert status.always_open is True
    assert status.closes_at is None
    assert status.next_open is None
    assert status.today == [(time(0), time(0))]


def test_it_runs_an_overnight_period_past_midnight() -> None:
    line = service(weekly(EVERY_DAY, time(22), time(6)))
    status = line.opening_status(at(2026, 11, 25, 2))
    assert status.is_open is True
    assert status.closes_at == at(2026, 11, 25, 6)
    assert status.today == [(time(22), time(6))]
    assert line.opening_status(at(2026, 11, 25, 7)).next_open == at(2026, 11, 25, 22)


def test_it_reads_a_monthly_10th_overnight_period_beside_daily_evenings() -> None:
    # 自殺予防いのちの電話: 毎日16:00-21:00、毎月10日 8:00-翌8:00
    line = service(
        weekly(EVERY_DAY, time(16), time(21)), monthly(time(8), time(8), bymonthday="10")
    )
    on_the_10th = line.opening_status(at(2026, 12, 10, 12))
    assert on_the_10th.is_open is True
    assert on_the_10th.today == [(time(8), time(8)), (time(16), time(21))]
    assert on_the_10th.closes_at == at(2026, 12, 11, 8)  # the evening merges into the long period
    morning_after = line.opening_status(at(2026, 12, 11, 7, 59))
    assert morning_after.is_open is True
    assert morning_after.closes_at == at(2026, 12, 11, 8)
    later = line.opening_status(at(2026, 12, 11, 9))
    assert later.is_open is False
    assert later.next_open == at(2026, 12, 11, 16)
    assert line.opening_status(at(2026, 12, 9, 12)).is_open is False


def test_it_handles_several_periods_a_day() -> None:
    desk = service(weekly(WEEKDAYS, time(9), time(12)), weekly(WEEKDAYS, time(12, 45), time(17)))
    lunch = desk.opening_status(at(2026, 11, 24, 12, 30))
    assert lunch.is_open is False
    assert lunch.next_open == at(2026, 11, 24, 12, 45)
    assert lunch.today == [(time(9), time(12)), (time(12, 45), time(17))]
    morning = desk.opening_status(at(2026, 11, 24, 11))
    assert morning.closes_at == at(2026, 11, 24, 12)


def test_it_joins_24_hour_days_with_evening_hours() -> None:
    # #いのちSOS: 月・木・金 24時間、火・水・土・日 6:00-24:00
    line = service(weekly("MO,TH,FR", time(0), time(0)), weekly("TU,WE,SA,SU", time(6), time(0)))
    tuesday_night = line.opening_status(at(2026, 11, 24, 3))
    assert tuesday_night.is_open is False
    assert tuesday_night.next_open == at(2026, 11, 24, 6)
    thursday = line.opening_status(at(2026, 11, 26, 23))
    assert thursday.is_open is True
    assert thursday.always_open is False
    assert thursday.closes_at == at(2026, 11, 28, 0)  # Friday runs to Saturday 00:00


def test_it_opens_on_the_second_saturday_only() -> None:
    salon = service(monthly(time(10), time(12), byday="2SA"))
    assert salon.opening_status(at(2026, 11, 14, 11)).is_open is True
    later = salon.opening_status(at(2026, 11, 21, 11))
    assert later.is_open is False
    assert later.next_open is None  # 3 weeks away: beyond the 14 days we look ahead
    assert salon.opening_status(at(2026, 12, 1, 11)).next_open == at(2026, 12, 12, 10)


def test_it_opens_on_the_last_friday() -> None:
    cafe = service(monthly(time(13), time(15), byday="-1FR"))
    assert cafe.opening_status(at(2026, 11, 27, 14)).is_open is True
    assert cafe.opening_status(at(2026, 11, 20, 14)).is_open is False


def test_it_respects_the_validity_range_of_a_rule() -> None:
    desk = service(
        weekly(
            WEEKDAYS, time(9), time(17), valid_from=date(2026, 12, 1), valid_to=date(2026, 12, 31)
        )
    )
    before = desk.opening_status(at(2026, 11, 24, 10))
    assert before.is_open is False
    assert before.next_open == at(2026, 12, 1, 9)
    assert desk.opening_status(at(2026, 12, 1, 10)).is_open is True
    after = desk.opening_status(at(2027, 1, 5, 10))
    assert after.is_open is False
    assert after.next_open is None


def test_it_is_closed_on_the_days_of_a_closure_row() -> None:
    desk = service(
        weekly(WEEKDAYS, time(9), time(17)),
        {"is_closure": True, "valid_from": date(2026, 11, 25), "valid_to": date(2026, 11, 26)},
    )
    closed = desk.opening_status(at(2026, 11, 25, 10))
    assert closed.is_open is False
    assert closed.next_open == at(2026, 11, 27, 9)
    assert desk.opening_status(at(2026, 11, 24, 10)).is_open is True


def test_a_closure_row_can_close_only_some_weekdays() -> None:
    desk = service(
        weekly(EVERY_DAY, time(9), time(17)),
        {
            "is_closure": True,
            "byday": "SA,SU",
            "valid_from": date(2026, 11, 1),
            "valid_to": date(2026, 11, 30),
        },
    )
    assert desk.opening_status(at(2026, 11, 28, 10)).is_open is False
    assert desk.opening_status(at(2026, 12, 5, 10)).is_open is True


def test_it_says_unknown_without_a_structured_schedule() -> None:
    desk = service(hours_text="要確認")
    status = desk.opening_status(at(2026, 11, 24, 10))
    assert status.state == "unknown"
    assert status.is_open is None
    assert status.next_open is None
    assert status.today == []


def test_it_uses_the_current_time_by_default() -> None:
    line = service(weekly(EVERY_DAY, time(0), time(0)))
    assert line.opening_status().is_open is True


def test_it_computes_many_services_from_prefetched_rows(django_assert_num_queries: Any) -> None:
    for _ in range(5):
        service(weekly(WEEKDAYS, time(9), time(17)))
    with django_assert_num_queries(2):
        states = [
            s.opening_status(at(2026, 11, 24, 10)).state
            for s in Service.objects.prefetch_related("schedules")
        ]
    assert states == ["open"] * 5
