"""Figures for staff: arrivals from posters by venue kind (counts only)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagari.handbook.models import ArrivalTally
from tsunagari.handbook.venues import CAMPAIGN_TAG, venues
from tsunagari.navigator.models import week_of


def arrivals_by_venue(*, weeks: int = 12) -> tuple[list[list[Any]], int]:
    since = week_of(timezone.localdate()) - timedelta(weeks=weeks - 1)
    counts = dict(
        ArrivalTally.objects.filter(week__gte=since).values_list("tag").annotate(n=Sum("count"))
    )
    rows: list[list[Any]] = [[v.name, counts.get(v.campaign_tag, 0)] for v in venues()]
    rows.append([_("5月のキャンペーン"), counts.get(CAMPAIGN_TAG, 0)])
    return rows, sum(counts.values())
