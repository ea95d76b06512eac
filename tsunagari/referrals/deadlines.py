"""Working days for the acknowledgement deadline: the directory's own calendar.

A working day is a weekday that is neither a Japanese public holiday nor in the
year-end closure (12/29–1/3) — the same rules ``directory.hours`` uses for desks.
Counting happens in Asia/Tokyo. A referral sent on a day off starts counting at
the opening of the next working day, so a Friday-night referral is not late on
Monday morning.
"""

from datetime import date, datetime, time, timedelta

from tsunagari.directory.hours import TOKYO, is_public_holiday, is_year_end

DAY_STARTS = time(9, 0)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day) and not is_year_end(day)


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(moment: datetime, days: int) -> datetime:
    """The same clock time ``days`` working days after ``moment`` (aware, any zone)."""
    local = moment.astimezone(TOKYO)
    if not is_working_day(local.date()):
        local = datetime.combine(next_working_day(local.date()), DAY_STARTS, tzinfo=TOKYO)
    day = local.date()
    for _ in range(days):
        day = next_working_day(day)
    return datetime.combine(day, local.timetz())
