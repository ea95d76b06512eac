"""The Atom feeds are valid Atom (RFC 4287) with the public listings only, newest change
first; the gatherings iCalendar parses as valid RFC 5545."""

import xml.etree.ElementTree as ET  # noqa: S405 — our own output, parsed in a test
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from tsunagari.directory.models import Service
from tsunagari.gatherings.tests.conftest import make_gathering
from tsunagari.opendata.tests.conftest import Seed

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314


def assert_valid_atom(feed: ET.Element) -> None:
    """What RFC 4287 requires of a feed and its entries."""
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated", ""))  # RFC 3339
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href", "").startswith("http://testserver/")
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids))


def titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title", "") for entry in feed.findall(f"{ATOM}entry")]


def test_it_lists_changed_services_newest_first_in_valid_atom(client, seed: Seed):
    later = timezone.now() + timedelta(hours=1)
    Service.objects.filter(pk=seed.scheme.pk).update(updated_at=later)
    feed = atom(client, "/feeds/services.atom")
    assert_valid_atom(feed)
    assert titles(feed)[0] == seed.scheme.name
    assert set(titles(feed)) == {s.name for s in seed.public}
    assert "『あなたはひとりじゃない』" in feed.findtext(f"{ATOM}rights", "")
    [entry] = [
        e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == seed.desk.name
    ]
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "（テスト）堺市"
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"お金・生活", "住まい"}


@pytest.mark.parametrize("demo_mode", [False, True])
def test_it_lists_new_services_without_hidden_ones(client, seed: Seed, settings, demo_mode):
    settings.DEMO_MODE = demo_mode
    Service.objects.filter(pk=seed.line.pk).update(created_at=timezone.now() + timedelta(days=1))
    feed = atom(client, "/feeds/services-new.atom")
    assert_valid_atom(feed)
    assert titles(feed)[0] == seed.line.name
    for hidden in (seed.demo, seed.pending, seed.retired):
        assert hidden.name not in titles(feed)


def test_it_keeps_an_empty_feed_valid(client, db):
    assert_valid_atom(atom(client, "/feeds/services.atom"))


def test_it_keeps_the_gatherings_icalendar_valid(client, org_a):
    gathering = make_gathering(org_a)
    gathering.publish()
    gathering.cancel_session(gathering.starts_on + timedelta(days=7))
    response = client.get("/events.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert calendar.name == "VCALENDAR"
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    events = calendar.walk("VEVENT")
    assert len(events) == 2  # the series and its cancelled meeting
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert event.get(required) is not None, required
        assert event.decoded("DTSTART").tzinfo is not None
    assert [str(e.get("STATUS", "")) for e in events].count("CANCELLED") == 1
    # every TZID the events use is defined in the calendar
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert {e["DTSTART"].params["TZID"] for e in events} <= defined
    # the text round-trips: icalendar writes back what it read
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
