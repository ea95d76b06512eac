"""The secretariat's figures of the watch network over a period: reports by kind and ward,
working time to acknowledge, and the share a centre kept (routed right at the first try)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from statistics import median

from tsunagari.directory.models import Ward
from tsunagari.watch.deadlines import working_minutes_between
from tsunagari.watch.models import Report, Routing
from tsunagari.watch.tables import concern_label, concerns


@dataclass
class Figures:
    total: int
    kinds: list[tuple[str, list[int], int]]  # label, count per ward, total
    wards: list[str]
    ward_totals: list[int]
    danger: int
    acknowledged: int
    ack_median_minutes: int | None
    ack_within_deadline: int
    escalated: int
    judged: int  # acknowledged or closed: the centre has looked at it
    first_try_right: int
    by_routing: list[tuple[str, int]]

    @property
    def first_try_share(self) -> int | None:
        return round(100 * self.first_try_right / self.judged) if self.judged else None


def watch_figures(*, since: datetime, until: datetime) -> Figures:
    reports = list(
        Report.objects.filter(received_at__gte=since, received_at__lt=until).only(
            "kind",
            "ward",
            "immediate_danger",
            "received_at",
            "acknowledged_at",
            "ack_due_at",
            "escalated_at",
            "transfer_count",
            "status",
            "routing",
        )
    )
    wards = list(Ward.sakai_wards())
    counts = Counter((r.kind, r.ward) for r in reports)
    codes = [c.code for c in concerns()]
    codes += sorted({r.kind for r in reports} - set(codes))
    kinds = [
        (
            concern_label(code),
            [counts[(code, w.value)] for w in wards],
            sum(counts[(code, w.value)] for w in wards),
        )
        for code in codes
    ]
    acked = [r for r in reports if r.acknowledged_at is not None]
    # A report the first centre kept, counted once someone at a centre has looked at it.
    judged = [r for r in reports if r.acknowledged_at is not None or r.status == "closed"]
    minutes = [working_minutes_between(r.received_at, r.acknowledged_at) for r in acked]  # type: ignore[arg-type]
    routing = Counter(r.routing for r in reports)
    return Figures(
        total=len(reports),
        kinds=kinds,
        wards=[str(w.label) for w in wards],
        ward_totals=[sum(counts[(code, w.value)] for code in codes) for w in wards],
        danger=sum(1 for r in reports if r.immediate_danger),
        acknowledged=len(acked),
        ack_median_minutes=round(median(minutes)) if minutes else None,
        ack_within_deadline=sum(
            1 for r in acked if r.acknowledged_at and r.acknowledged_at <= r.ack_due_at
        ),
        escalated=sum(1 for r in reports if r.escalated_at is not None),
        judged=len(judged),
        first_try_right=sum(1 for r in judged if r.transfer_count == 0),
        by_routing=[(str(label), routing[value]) for value, label in Routing.choices],
    )
