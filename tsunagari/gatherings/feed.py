"""iCalendar (RFC 5545) for gatherings: one VEVENT with an RRULE per gathering.

Calendar apps expand the rule themselves, so a subscribed feed stays small and
keeps working after the dates we would have expanded. Times carry TZID
Asia/Tokyo with its VTIMEZONE; UIDs are derived from the gathering's id so that
a re-downloaded feed updates events instead of duplicating them.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, time

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vRecur

from tsunagari.gatherings.models import TOKYO, Gathering

UID_DOMAIN = "tsunagari.sakai"


def gathering_uid(gathering: Gathering) -> str:
    return f"gathering-{gathering.pk}@{UID_DOMAIN}"


def gathering_event(gathering: Gathering, *, url: str = "") -> Event:
    event = Event()
    event.add("uid", gathering_uid(gathering))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", gathering.updated_at)
    start = datetime.combine(gathering.starts_on, gathering.start_time, tzinfo=TOKYO)
    event.add("dtstart", start)
    event.add("dtend", start + gathering.duration)
    rule = vRecur(gathering.rrule_parts())
    if gathering.until:
        # With a TZID start, RFC 5545 wants UNTIL in UTC.
        rule["UNTIL"] = datetime.combine(
            gathering.until, time(23, 59, 59), tzinfo=TOKYO
        ).astimezone(UTC)
    event.add("rrule", rule)
    event.add("summary", gathering.title)
    location = gathering.place_name
    if gathering.address_text:
        location = f"{location}（{gathering.address_text}）"
    event.add("location", location)
    description = [gathering.description, f"{gathering.organization.name}"]
    if gathering.cost:
        description.append(f"参加費: {gathering.cost}")
    event.add("description", "\n".join(part for part in description if part))
    event.add("categories", [gathering.get_kind_display()])
    if url:
        event.add("url", url)
    return event


def calendar_for(
    gatherings: Iterable[Gathering], *, url_for: Callable[[Gathering], str] | None = None
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Tsunagari Sakai//Gatherings//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "つながり 居場所・つどい")
    cal.add("x-wr-timezone", "Asia/Tokyo")
    cal.add_component(Timezone.from_tzid("Asia/Tokyo"))
    for gathering in gatherings:
        cal.add_component(gathering_event(gathering, url=url_for(gathering) if url_for else ""))
    return cal.to_ical()
