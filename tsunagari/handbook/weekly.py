"""A desk's week on paper: one cell per weekday, from its schedule rows.

The open-now logic of :mod:`tsunagari.directory.hours` answers "can I call now?";
a printed page has to answer "when can I call?" for a whole week instead, so this
reads the same rows (:class:`~tsunagari.directory.hours.ScheduleLike`) the other
way round: weekly rows become times under each weekday, monthly rows a line of
their own, closure rows and the holiday flags a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagari.directory.hours import WEEKDAYS, ScheduleLike

WEEKDAY_LABELS: dict[str, str | Promise] = {
    "MO": gettext_lazy("月"),
    "TU": gettext_lazy("火"),
    "WE": gettext_lazy("水"),
    "TH": gettext_lazy("木"),
    "FR": gettext_lazy("金"),
    "SA": gettext_lazy("土"),
    "SU": gettext_lazy("日"),
}
ALL_DAY = (time(0), time(0))


@dataclass(frozen=True)
class Week:
    """What a reader sees: ``days`` is (weekday label, times or "") for Monday to Sunday."""

    days: list[tuple[str, str]] = field(default_factory=list)
    monthly: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    always_open: bool = False

    @property
    def known(self) -> bool:
        return bool(self.days or self.monthly)


def _clock(value: time, *, end: bool = False) -> str:
    if end and value == time(0):
        return "24:00"
    return f"{value.hour}:{value.minute:02d}"


def _period(opens: time, closes: time) -> str:
    if (opens, closes) == ALL_DAY:
        return _("24時間")
    return _("%(opens)s〜%(closes)s") % {"opens": _clock(opens), "closes": _clock(closes, end=True)}


def _monthly_line(rule: ScheduleLike) -> str:
    assert rule.opens_at is not None and rule.closes_at is not None  # noqa: S101 - filtered
    times = _period(rule.opens_at, rule.closes_at)
    parts = []
    for code in [c.strip() for c in (rule.byday or "").split(",") if c.strip()]:
        weekday, ordinal = code[-2:], code[:-2]
        label = str(WEEKDAY_LABELS.get(weekday, weekday))
        if ordinal.lstrip("-").isdigit():
            n = int(ordinal)
            if n > 0:
                parts.append(
                    _("毎月第%(n)d%(weekday)s曜日 %(times)s")
                    % {"n": n, "weekday": label, "times": times}
                )
            else:
                parts.append(
                    _("毎月最後の%(weekday)s曜日 %(times)s") % {"weekday": label, "times": times}
                )
        else:
            parts.append(_("毎週%(weekday)s曜日 %(times)s") % {"weekday": label, "times": times})
    for day in [d.strip() for d in (rule.bymonthday or "").split(",") if d.strip()]:
        parts.append(_("毎月%(day)s日 %(times)s") % {"day": day, "times": times})
    return "\n".join(parts)


def week_of(
    schedules: Iterable[ScheduleLike],
    *,
    closes_on_public_holidays: bool = False,
    closes_over_new_year: bool = False,
) -> Week:
    rows = [r for r in schedules if r.opens_at is not None and r.closes_at is not None]
    weekly = [r for r in rows if not r.is_closure and r.freq != "MONTHLY"]
    monthly = [r for r in rows if not r.is_closure and r.freq == "MONTHLY"]
    per_day: dict[str, list[tuple[time, time]]] = {day: [] for day in WEEKDAYS}
    for rule in weekly:
        codes = [c.strip().upper() for c in (rule.byday or "").split(",") if c.strip()]
        for day in codes or list(WEEKDAYS):
            if day in per_day and rule.opens_at is not None and rule.closes_at is not None:
                per_day[day].append((rule.opens_at, rule.closes_at))
    days: list[tuple[str, str]] = []
    if weekly:
        for day in WEEKDAYS:
            periods = sorted(set(per_day[day]))
            days.append((str(WEEKDAY_LABELS[day]), " ".join(_period(o, c) for o, c in periods)))
    notes = []
    if closes_on_public_holidays:
        notes.append(_("祝日は休みです。"))
    if closes_over_new_year:
        notes.append(_("年末年始（12月29日〜1月3日）は休みです。"))
    if any(r.is_closure for r in rows):
        notes.append(_("休みの日があります。くわしくはウェブのページをご覧ください。"))
    always_open = bool(days) and all(per_day[d] and ALL_DAY in per_day[d] for d in WEEKDAYS)
    return Week(
        days=days,
        monthly=[line for rule in monthly if (line := _monthly_line(rule))],
        notes=notes,
        always_open=always_open and not closes_on_public_holidays and not closes_over_new_year,
    )
