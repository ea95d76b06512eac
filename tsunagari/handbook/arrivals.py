"""Counting arrivals at the navigator from posters and campaign pages (counts only).

A QR code carries ``?c=<tag>``. The navigator calls :func:`arrival_redirect` first:
a known tag adds one to this week's counter, and the person is sent on to the same
address without the tag, so a reload, a bookmark or a shared link does not count
again and the tag never reaches the answer page. Nothing about the person is kept.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.utils import timezone

from tsunagari.handbook.models import ArrivalTally
from tsunagari.handbook.venues import known_tags
from tsunagari.navigator.models import week_of

PARAMETER = "c"


def arrival_redirect(request: HttpRequest) -> HttpResponseRedirect | None:
    if request.method != "GET" or PARAMETER not in request.GET:
        return None
    tag = request.GET.get(PARAMETER, "")[:40]
    if tag in known_tags():
        ArrivalTally.add(week=week_of(timezone.localdate()), tag=tag)
    rest = request.GET.copy()
    rest.pop(PARAMETER, None)
    query = rest.urlencode()
    return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
