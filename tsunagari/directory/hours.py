"""Opening hours: answers "can I call now?" from a service's schedule rows.

Everything is computed in Asia/Tokyo (no daylight saving time, so a local day is
always 24 hours). A period belongs to the day it starts on: an overnight period
(``closes_at`` at or before ``opens_at``) runs into the next morning, and
00:00–00:00 means the whole day. A day is closed when a closure row matches it,
when it is a Japanese public holiday and the service closes on them, or when it
falls in the year-end closure (12/29–1/3) and the service closes over it.

Pure functions over plain objects: callers pass the prefetched schedule rows,
so listing many services never queries per service.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

import jpholiday

TOKYO = ZoneInfo("Asia/Tokyo")
HORIZON_DAYS = 14
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

State = Literal["open", "closed", "unknown"]


class ScheduleLike(Protocol):
    """The fields of :class:`~tsunagari.directory.models.Schedule` that matter here."""

    freq: str
    interval: int
    byday: str
    bymonthday: str
    opens_at: time | None
    closes_at: time | None
    valid_from: date | None
    valid_to: date | None
    is_closure: bool


@dataclass(frozen=True)
class OpeningStatus:
    """Whether a service can be reached at a moment, and what comes next.

    ``is_open`` is None when the service has no structured schedule (only its
    hours text): we then say nothing rather than guess. ``next_open`` is the next
    time a closed-then-open change happens within 14 days (after the current
    period when open now); ``closes_at`` is when the current period ends, None
    when closed or when it does not end within 14 days.
    """

    state: State
    is_open: bool | None
    always_open: bool = False
    today: list[tuple[time, time]] = field(default_factory=list)
    next_open: datetime | None = None
    closes_at: datetime | None = None


UNKNOWN = OpeningStatus(state="unknown", is_open=None)


def is_year_end(day: date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_public_holiday(day: date) -> bool:
    return bool(jpholiday.is_holiday(day))


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.replace(" ", ",").split(",") if part.strip()]


def _nth_weekday_matches(day: date, code: str) -> bool:
    """``2SA`` = second Saturday, ``-1FR`` = last Friday, ``SA`` = every Saturday."""
    weekday = code[-2:]
    if weekday not in WEEKDAYS or WEEKDAYS.index(weekday) != day.weekday():
        return False
    ordinal = code[:-2]
    if not ordinal:
        return True
    try:
        n = int(ordinal)
    except ValueError:
        return False
    if n > 0:
        return (day.day - 1) // 7 + 1 == n
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return -((days_in_month - day.day) // 7 + 1) == n


def _monthday_matches(day: date, value: str) -> bool:
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    for part in _codes(value):
        try:
            n = int(part)
        except ValueError:
            continue
        if n == day.day or (n < 0 and days_in_month + n + 1 == day.day):
            return True
    return False


def rule_matches(rule: ScheduleLike, day: date) -> bool:
    """Whether a schedule row applies to this local day (ignoring the times)."""
    if rule.valid_from and day < rule.valid_from:
        return False
    if rule.valid_to and day > rule.valid_to:
        return False
    byday = _codes(rule.byday or "")
    if rule.freq == "MONTHLY":
        if rule.bymonthday and _monthday_matches(day, rule.bymonthday):
            return True
        return any(_nth_weekday_matches(day, code) for code in byday)
    # WEEKLY (the default). No weekdays listed means every day.
    if byday and WEEKDAYS[day.weekday()] not in byday:
        return False
    if rule.bymonthday and not _monthday_matches(day, rule.bymonthday):
        return False
    interval = max(rule.interval or 1, 1)
    if interval > 1 and rule.valid_from:
        weeks = (day - rule.valid_from).days // 7
        return weeks % interval == 0
    return True


@dataclass(frozen=True)
class _Hours:
    rules: Sequence[ScheduleLike]
    closures: Sequence[ScheduleLike]
    closes_on_public_holidays: bool
    closes_over_new_year: bool

    def day_is_closed(self, day: date) -> bool:
        if self.closes_over_new_year and is_year_end(day):
            return True
        if self.closes_on_public_holidays and is_public_holiday(day):
            return True
        return any(rule_matches(closure, day) for closure in self.closures)

    def periods_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """Opening periods starting on this local day, as aware datetimes."""
        if self.day_is_closed(day):
            return []
        periods = set()
        for rule in self.rules:
            if rule.opens_at is None or rule.closes_at is None or not rule_matches(rule, day):
                continue
            start = datetime.combine(day, rule.opens_at, tzinfo=TOKYO)
            end_day = day if rule.closes_at > rule.opens_at else day + timedelta(days=1)
            periods.add((start, datetime.combine(end_day, rule.closes_at, tzinfo=TOKYO)))
        return sorted(periods)


def _merge(periods: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def opening_status(
    schedules: Iterable[ScheduleLike],
    at: datetime | None = None,
    *,
    closes_on_public_holidays: bool = False,
    closes_over_new_year: bool = False,
) -> OpeningStatus:
    """Whether the service is open at ``at`` (default: now), computed in Asia/Tokyo."""
    rows = list(schedules)
    rules = [
        r for r in rows if not r.is_closure and r.opens_at is not None and r.closes_at is not None
    ]
    if not rules:
        return UNKNOWN
    hours = _Hours(
        rules=rules,
        closures=[r for r in rows if r.is_closure],
        closes_on_public_holidays=closes_on_public_holidays,
        closes_over_new_year=closes_over_new_year,
    )
    now = (at or datetime.now(tz=TOKYO)).astimezone(TOKYO)
    today = now.date()
    first_day = today - timedelta(days=1)  # an overnight period from yesterday may still run
    last_day = today + timedelta(days=HORIZON_DAYS + 1)
    window_end = datetime.combine(last_day, time(0), tzinfo=TOKYO)
    horizon = now + timedelta(days=HORIZON_DAYS)

    todays = hours.periods_on(today)
    periods = [
        period
        for offset in range((last_day - first_day).days)
        for period in hours.periods_on(first_day + timedelta(days=offset))
    ]
    merged = _merge(periods)

    current = next(((s, e) for s, e in merged if s <= now < e), None)
    upcoming = next((s for s, _ in merged if s > now and s <= horizon), None)
    closes_at = None
    if current is not None and current[1] < window_end:
        closes_at = current[1]
    always_open = (
        current is not None
        and current[0] <= datetime.combine(first_day, time(0), tzinfo=TOKYO)
        and current[1] >= window_end
    )
    return OpeningStatus(
        state="open" if current else "closed",
        is_open=current is not None,
        always_open=always_open,
        today=[(s.time(), e.time()) for s, e in todays],
        next_open=upcoming,
        closes_at=closes_at,
    )
