"""Venue kinds for posters (``data/venues.tsv``) and the anonymous campaign tags they carry.

A poster's QR code leads to the navigator with ``?c=poster-<tag>``; the May campaign's
with ``?c=campaign-may``. Only these tags are counted (:mod:`tsunagari.handbook.arrivals`),
so a made-up tag in a shared link counts nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from tsunagari.core.text import join_list

VENUES_PATH = Path(__file__).resolve().parent / "data" / "venues.tsv"
TAG = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}$")
CAMPAIGN_TAG = "campaign-may"


@dataclass(frozen=True)
class Venue:
    tag: str
    name: str
    note: str

    @property
    def campaign_tag(self) -> str:
        return f"poster-{self.tag}"


class VenueError(ValueError):
    pass


def read_venues(path: Path = VENUES_PATH) -> list[Venue]:
    """Every venue, checked; a bad line raises :class:`VenueError` naming the line."""
    venues: list[Venue] = []
    seen: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) < 2 or len(cells) > 3:
            raise VenueError(f"{path.name}:{number}: expected tag, venue and note (tab-separated)")
        tag, name = cells[0], cells[1]
        if not TAG.match(tag):
            raise VenueError(
                f"{path.name}:{number}: tag {tag!r} is not lower-case letters/digits/-"
            )
        if not name:
            raise VenueError(f"{path.name}:{number}: empty venue name")
        if tag in seen or name in {v.name for v in venues}:
            raise VenueError(f"{path.name}:{number}: {tag} / {name} appears twice")
        seen.add(tag)
        venues.append(Venue(tag, name, cells[2] if len(cells) > 2 else ""))
    return venues


@cache
def venues() -> tuple[Venue, ...]:
    return tuple(read_venues())


def find_venue(value: str) -> Venue:
    value = value.strip()
    for venue in venues():
        if value in (venue.name, venue.tag):
            return venue
    valid = join_list(v.name for v in venues())
    raise VenueError(
        _("「%(value)s」という場所の種類はありません。使える種類: %(valid)s")
        % {"value": value, "valid": valid}
    )


def known_tags() -> frozenset[str]:
    return frozenset({CAMPAIGN_TAG, *(v.campaign_tag for v in venues())})
