"""The iCalendar feed, read as a calendar app reads it, shows the same meetings as the calendar page.

A calendar app counts DTSTART as the first meeting (RFC 5545 3.8.5.3), expands the
RRULE, leaves out EXDATEs and shows a RECURRENCE-ID override with STATUS:CANCELLED
as cancelled. We do the same with icalendar and dateutil for a whole year and
compare with what the calendar page lists, four pages of up to 92 days.
"""

import re
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from dateutil.rrule import rruleset, rrulestr  # type: ignore[import-untyped]
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tsunagari.gatherings.models import TOKYO, Recurrence
from tsunagari.gatherings.tests.conftest import make_gathering

pytestmark = pytest.mark.django_db

SESSION = re.compile(
    r'<li class="session" data-gathering="(?P<pk>[^"]+)"(?P<cancelled> data-cancelled="true")?>'
    r'.*?<time datetime="(?P<at>[^"]+)">',
    re.DOTALL,
)


def _page_sessions(client: Any, start: date, end: date) -> set[tuple[str, str, bool]]:
    seen: set[tuple[str, str, bool]] = set()
    day = start
    while day <= end:
        last = min(day + timedelta(days=91), end)
        html = client.get(
            reverse("gatherings:calendar"), {"start": day.isoformat(), "end": last.isoformat()}
        ).content.decode()
        assert "このあとの予定を見る" not in html  # the whole window fits on one page
        for match in SESSION.finditer(html):
            seen.add((match["pk"], match["at"], bool(match["cancelled"])))
        day = last + timedelta(days=1)
    return seen


def _feed_sessions(content: bytes, start: date, end: date) -> set[tuple[str, str, bool]]:
    cal = Calendar.from_ical(content)
    cancelled: set[tuple[str, datetime]] = set()
    series = []
    for event in cal.walk("VEVENT"):
        if "RECURRENCE-ID" in event:
            assert event["STATUS"] == "CANCELLED"
            cancelled.add((str(event["UID"]), event.decoded("RECURRENCE-ID")))
        else:
            series.append(event)
    seen: set[tuple[str, str, bool]] = set()
    window = (
        datetime.combine(start, time.min, tzinfo=TOKYO),
        datetime.combine(end, time.max, tzinfo=TOKYO),
    )
    for event in series:
        uid = str(event["UID"])
        dtstart = event.decoded("DTSTART")
        moments = rruleset()
        rule: Any = event["RRULE"]
        moments.rrule(rrulestr(rule.to_ical().decode(), dtstart=dtstart))
        moments.rdate(dtstart)  # DTSTART always counts as a meeting
        exdates = event.get("EXDATE", [])
        for prop in exdates if isinstance(exdates, list) else [exdates]:
            for value in prop.dts:  # type: ignore[union-attr]
                moments.exdate(value.dt)
        pk = uid.removeprefix("gathering-").split("@")[0]
        for moment in moments.between(*window, inc=True):
            seen.add((pk, moment.isoformat(), (uid, moment) in cancelled))
    return seen


def test_it_shows_the_same_meetings_in_the_feed_and_on_the_page_for_a_year(client, org_a):
    today = timezone.localdate()
    weekly = make_gathering(org_a, starts_on=date(2026, 4, 1), skips_holidays=True)  # a Wednesday
    second_saturday = make_gathering(
        org_a,
        title="（テスト）第2土曜のカフェ",
        recurrence=Recurrence.MONTHLY_NTH,
        weekday="SA",
        week_of_month=2,
        starts_on=date(2026, 4, 1),
    )
    third_day = make_gathering(
        org_a,
        title="（テスト）毎月3日の体操",
        recurrence=Recurrence.MONTHLY_DATE,
        weekday="",
        day_of_month=3,
        starts_on=date(2026, 4, 1),
        skips_holidays=True,
    )
    last_friday = make_gathering(
        org_a,
        title="（テスト）最終金曜の食堂",
        recurrence=Recurrence.MONTHLY_NTH,
        weekday="FR",
        week_of_month=-1,
        starts_on=date(2026, 4, 1),
        until=today + timedelta(days=200),
    )
    # Starts tomorrow, but meets on the weekday three days from now: tomorrow is no meeting.
    soon = make_gathering(
        org_a,
        title="（テスト）来週からの会",
        weekday=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][(today + timedelta(days=3)).weekday()],
        starts_on=today + timedelta(days=1),
    )
    for gathering in (weekly, second_saturday, third_day, last_friday, soon):
        gathering.publish()
    rainy = weekly.occurrences(today + timedelta(days=7), today + timedelta(days=60))[0].date()
    weekly.cancel_session(rainy, reason="雨のため")

    start, end = today, today + timedelta(days=364)
    feed = client.get("/events.ics").content
    page = _page_sessions(client, start, end)
    assert page == _feed_sessions(feed, start, end)
    assert len(page) > 52 + 12 + 10

    # Every series starts on a day it really meets (no phantom 1 April).
    starts = {
        str(e["UID"]): e.decoded("DTSTART")
        for e in Calendar.from_ical(feed).walk("VEVENT")
        if "RECURRENCE-ID" not in e
    }
    assert starts[f"gathering-{weekly.pk}@tsunagari.sakai"].date() == date(2026, 4, 7)
    assert starts[f"gathering-{second_saturday.pk}@tsunagari.sakai"].date() == date(2026, 4, 11)
    assert starts[f"gathering-{third_day.pk}@tsunagari.sakai"].date() == date(2026, 4, 3)
    assert starts[f"gathering-{last_friday.pk}@tsunagari.sakai"].date() == date(2026, 4, 24)
    assert starts[f"gathering-{soon.pk}@tsunagari.sakai"].date() == today + timedelta(days=3)
    # The cancelled meeting is in both, marked.
    cancelled_at = datetime.combine(rainy, time(10, 0), tzinfo=TOKYO).isoformat()
    assert (str(weekly.pk), cancelled_at, True) in page


def test_it_skips_holidays_and_the_new_year_break_when_the_organiser_says_so(client, org_a):
    resting = make_gathering(org_a, skips_holidays=True)  # Tuesdays from 2026-12-01
    meets = make_gathering(org_a, title="（テスト）祝日も開くサロン", skips_holidays=False)
    resting.publish()
    meets.publish()
    html = client.get(
        reverse("gatherings:calendar"), {"start": "2026-12-28", "end": "2027-01-31"}
    ).content.decode()
    # 12/29 is in the new-year break; 1/12 is an ordinary Tuesday.
    dec29 = {m["pk"] for m in SESSION.finditer(html) if m["at"].startswith("2026-12-29")}
    jan12 = {m["pk"] for m in SESSION.finditer(html) if m["at"].startswith("2027-01-12")}
    assert dec29 == {str(meets.pk)}
    assert jan12 == {str(resting.pk), str(meets.pk)}
    feed = Calendar.from_ical(client.get("/events.ics").content)
    events = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    exdate: Any = events["（テスト）ひだまりサロン"]["EXDATE"]
    exdates = [v.dt.date() for v in exdate.dts]
    assert date(2026, 12, 29) in exdates
    assert date(2027, 3, 23) not in exdates and date(2027, 2, 23) in exdates  # 天皇誕生日
    assert "EXDATE" not in events["（テスト）祝日も開くサロン"]
    detail = client.get(reverse("gatherings:detail", args=[resting.pk])).content.decode()
    assert "祝日と年末年始（12月29日〜1月3日）はお休みです。" in detail


def test_it_shows_a_cancelled_meeting_as_cancelled_with_its_reason(client, alice, org_a):
    from tsunagari.gatherings.tests.conftest import signed_in

    today = timezone.localdate()
    gathering = make_gathering(org_a, starts_on=today)
    gathering.publish()
    day = gathering.occurrences(today + timedelta(days=1), today + timedelta(days=14))[0].date()
    signed_in(client, alice)
    response = client.post(
        reverse("gatherings:cancel_session", args=[gathering.pk]),
        {"day": day.isoformat(), "reason": "担当者の体調不良のため"},
        follow=True,
    )
    assert "の回を中止にしました" in response.content.decode()
    html = client.get(
        reverse("gatherings:calendar"), {"start": day.isoformat(), "end": day.isoformat()}
    ).content.decode()
    assert "この回は中止です（担当者の体調不良のため）。" in html
    [event] = [
        e
        for e in Calendar.from_ical(client.get("/events.ics").content).walk("VEVENT")
        if "RECURRENCE-ID" in e
    ]
    assert event["STATUS"] == "CANCELLED" and str(event["SUMMARY"]).startswith("【中止】")
    assert event.decoded("RECURRENCE-ID").date() == day
    # A day it does not meet, or a past day, is refused with a message.
    wrong = day + timedelta(days=1)
    response = client.post(
        reverse("gatherings:cancel_session", args=[gathering.pk]), {"day": wrong.isoformat()}
    )
    assert response.status_code == 400
    assert "その日はこのつどいの開催日ではありません。" in response.content.decode()
    assert gathering.cancellations.count() == 1
    # Taking it back puts the meeting back.
    cancellation = gathering.cancellations.get()
    client.post(reverse("gatherings:restore_session", args=[gathering.pk, cancellation.pk]))
    html = client.get(
        reverse("gatherings:calendar"), {"start": day.isoformat(), "end": day.isoformat()}
    ).content.decode()
    assert "この回は中止です" not in html and "（テスト）ひだまりサロン" in html
