"""Supporters counted by ward and month (for staff and the dashboard)."""

from collections import Counter
from datetime import date

from tsunagari.supporters.models import Supporter, ward_choices


def by_ward_and_month() -> tuple[list[str], list[tuple[str, list[int], int]]]:
    """(months newest first, rows of (ward label, count per month, total))."""
    counts: Counter[tuple[str, str]] = Counter()
    months: set[str] = set()
    for ward, day in Supporter.objects.values_list("ward", "registered_on"):
        month = f"{day:%Y-%m}" if isinstance(day, date) else str(day)[:7]
        counts[(ward, month)] += 1
        months.add(month)
    ordered = sorted(months, reverse=True)
    rows = []
    for code, label in ward_choices():
        per_month = [counts[(code, m)] for m in ordered]
        rows.append((label, per_month, sum(per_month)))
    return ordered, rows
