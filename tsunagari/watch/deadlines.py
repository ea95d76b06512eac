"""Working time for acknowledgement deadlines: weekdays, without Japanese public holidays and
the year-end closure (12/29–1/3, both from the directory's calendar code), within the hours of
``WATCH_WORKING_HOURS`` (default 09:00–17:30, the published hours of the seven 基幹型
centres in data/contacts-sourced.csv). Everything is computed in Asia/Tokyo.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings

from tsunagari.directory.hours import TOKYO, is_public_holiday, is_year_end

LOOKAHEAD_DAYS = 60  # the longest run of closed days (Golden Week, New Year) is far shorter


def working_hours() -> tuple[time, time]:
    opens, closes = str(settings.WATCH_WORKING_HOURS).split("-")
    return time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day) and not is_year_end(day)


def _period(day: date) -> tuple[datetime, datetime] | None:
    if not is_working_day(day):
        return None
    opens, closes = working_hours()
    return datetime.combine(day, opens, tzinfo=TOKYO), datetime.combine(day, closes, tzinfo=TOKYO)


def add_working_minutes(start: datetime, minutes: int) -> datetime:
    """The moment ``minutes`` of working time after ``start`` (a report at night counts from 9:00)."""
    moment = start.astimezone(TOKYO)
    left = timedelta(minutes=minutes)
    for offset in range(LOOKAHEAD_DAYS):
        period = _period(moment.date() + timedelta(days=offset))
        if period is None:
            continue
        begin = max(period[0], moment)
        if begin >= period[1]:
            continue
        if begin + left <= period[1]:
            return begin + left
        left -= period[1] - begin
    raise ValueError("no working time within 60 days")  # pragma: no cover — a calendar error


def working_minutes_between(start: datetime, end: datetime) -> int:
    """Minutes of working time from ``start`` to ``end`` (0 when end is not later)."""
    start, end = start.astimezone(TOKYO), end.astimezone(TOKYO)
    total = timedelta()
    day = start.date()
    while day <= end.date():
        period = _period(day)
        if period is not None:
            begin, finish = max(period[0], start), min(period[1], end)
            if finish > begin:
                total += finish - begin
        day += timedelta(days=1)
    return int(total.total_seconds() // 60)
