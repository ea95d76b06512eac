"""Posters and cards for places outside welfare, and the May campaign's poster.

A short warm message, one sourced 24-hour line (from :func:`tsunagari.core.crisis.crisis_lines`,
never typed here) and a QR code to the navigator carrying the venue's anonymous tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tsunagari.core.crisis import CrisisLine, crisis_lines
from tsunagari.core.links import absolute_url
from tsunagari.handbook.edition import EditionError, parse_language, qr_data_uri
from tsunagari.handbook.pdf import render_pdf
from tsunagari.handbook.venues import CAMPAIGN_TAG, Venue


@dataclass(frozen=True)
class Size:
    code: str
    page: str  # CSS @page size
    scale: float  # font sizes relative to A4


SIZES = {
    "A4": Size("A4", "A4", 1.0),
    "A3": Size("A3", "A3", 1.41),
    "card": Size("card", "91mm 55mm", 0.3),
}


def parse_size(value: str) -> Size:
    size = SIZES.get(value.strip()) or SIZES.get(value.strip().upper())
    if size is None:
        raise EditionError(
            _("「%(value)s」という大きさはありません。使える大きさ: %(valid)s")
            % {"value": value, "valid": ", ".join(SIZES)}
        )
    return size


def poster_line() -> CrisisLine | None:
    """The first sourced 24-hour line a person can call."""
    return next((line for line in crisis_lines() if line.number and line.channel == "phone"), None)


def navigator_url(tag: str) -> str:
    return absolute_url(reverse("navigator:answer")) + f"?c={tag}"


def poster_pdf(
    *, venue: Venue | None, size: str = "A4", language: str = "", campaign: bool = False
) -> bytes:
    """A poster for a venue kind, or (``campaign``) the May campaign's poster."""
    chosen = parse_size(size)
    language = parse_language(language)
    tag = CAMPAIGN_TAG if campaign or venue is None else venue.campaign_tag
    url = navigator_url(tag)
    with translation.override(language):
        return render_pdf(
            "handbook/pdf/poster.html",
            {
                "size": chosen,
                "venue": venue,
                "campaign": campaign,
                "line": poster_line(),
                "qr": qr_data_uri(url),
                "url": url,
                "language": language,
                "site_url": settings.SITE_URL,
            },
            title=_("孤独・孤立対策強化月間") if campaign else _("ひとりで悩まないで"),
        )
