"""iCalendar (RFC 5545) for gatherings: one VEVENT with an RRULE per gathering.

Calendar apps expand the rule themselves, so a subscribed feed stays small and
keeps working after the dates we would have expanded. Times carry TZID
Asia/Tokyo with its VTIMEZONE; UIDs are derived from the gathering's id so that
a re-downloaded feed updates events instead of duplicating them.

DTSTART is the first day the rule really meets: calendar apps always count
DTSTART as the first occurrence (RFC 5545 3.8.5.3), so any other day would show
a session that never happens. Holidays the gathering rests on are EXDATEs up to
two years ahead; a cancelled meeting is an override of its occurrence
(RECURRENCE-ID) with STATUS:CANCELLED, so apps show it struck through rather
than silently gone.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vRecur

from tsunagari.gatherings.models import TOKYO, Gathering

UID_DOMAIN = "tsunagari.sakai"
# Open-ended gatherings get holiday EXDATEs this far ahead; feeds are re-read long before.
EXDATE_HORIZON_DAYS = 730


def gathering_uid(gathering: Gathering) -> str:
    return f"gathering-{gathering.pk}@{UID_DOMAIN}"


def gathering_events(gathering: Gathering, *, url: str = "") -> list[Event]:
    """The series, then one cancelled override per cancelled meeting; none if it never meets."""
    first = gathering.first_occurrence()
    if first is None:
        return []
    event = _base_event(gathering, first, url=url)
    rule = vRecur(gathering.rrule_parts())
    if gathering.until:
        # With a TZID start, RFC 5545 wants UNTIL in UTC.
        rule["UNTIL"] = datetime.combine(
            gathering.until, time(23, 59, 59), tzinfo=TOKYO
        ).astimezone(UTC)
    event.add("rrule", rule)
    last = gathering.until or timezone.localdate() + timedelta(days=EXDATE_HORIZON_DAYS)
    skipped = gathering.skipped_occurrences(first.date(), last)
    if skipped:
        event.add("exdate", skipped)
    events = [event]
    cancelled = gathering.cancelled_on()
    for moment in gathering.occurrences(min(cancelled, default=first.date()), last):
        if moment.date() not in cancelled:
            continue
        override = _base_event(gathering, moment, url=url)
        override.add("recurrence-id", moment)
        override.add("status", "CANCELLED")
        override["summary"] = _("【中止】%(title)s") % {"title": gathering.title}
        if cancelled[moment.date()]:
            reason = _("中止: %(reason)s") % {"reason": cancelled[moment.date()]}
            override["description"] = f"{reason}\n{override['description']}"
        events.append(override)
    return events


def _base_event(gathering: Gathering, start: datetime, *, url: str) -> Event:
    event = Event()
    event.add("uid", gathering_uid(gathering))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", gathering.updated_at)
    event.add("dtstart", start)
    event.add("dtend", start + gathering.duration)
    event.add("summary", gathering.title)
    location = gathering.place_name
    if gathering.address_text:
        location = _("%(place)s（%(address)s）") % {
            "place": location,
            "address": gathering.address_text,
        }
    event.add("location", location)
    description = [gathering.description, f"{gathering.organization.name}"]
    if gathering.cost:
        description.append(_("参加費: %(cost)s") % {"cost": gathering.cost})
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
        for event in gathering_events(gathering, url=url_for(gathering) if url_for else ""):
            cal.add_component(event)
    return cal.to_ical()
