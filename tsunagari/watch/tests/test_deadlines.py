"""Two working hours: weekdays 9:00–17:30, without public holidays and 12/29–1/3."""

from datetime import datetime

import pytest

from tsunagari.directory.hours import TOKYO
from tsunagari.watch.deadlines import add_working_minutes, working_minutes_between


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TOKYO)


@pytest.mark.parametrize(
    "start,due",
    [
        ("2026-12-02 10:00", "2026-12-02 12:00"),  # a Wednesday morning
        ("2026-12-02 16:30", "2026-12-03 10:00"),  # one hour today, one tomorrow
        ("2026-12-01 22:00", "2026-12-02 11:00"),  # at night: from 9:00 the next morning
        ("2026-12-04 17:00", "2026-12-07 10:30"),  # Friday evening → Monday
        ("2026-12-05 11:00", "2026-12-07 11:00"),  # Saturday
        ("2026-11-20 17:00", "2026-11-24 10:30"),  # Monday 11/23 is 勤労感謝の日
        ("2026-12-28 16:30", "2027-01-04 10:00"),  # year-end closure 12/29–1/3
    ],
)
def test_it_counts_two_working_hours(start, due):
    assert add_working_minutes(at(start), 120) == at(due)


def test_it_measures_working_minutes_between_two_moments():
    assert working_minutes_between(at("2026-12-04 17:00"), at("2026-12-07 10:30")) == 120
    assert working_minutes_between(at("2026-12-05 09:00"), at("2026-12-05 18:00")) == 0
    assert working_minutes_between(at("2026-12-02 12:00"), at("2026-12-02 10:00")) == 0


def test_the_working_hours_are_a_setting(settings):
    settings.WATCH_WORKING_HOURS = "08:30-17:15"
    assert add_working_minutes(at("2026-12-02 17:00"), 30) == at("2026-12-03 08:45")
