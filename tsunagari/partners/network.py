"""The network at a glance: figures for the Act and a picture of who works with whom.

The picture is server-rendered SVG (no JavaScript): sectors sit on a circle,
each member is a dot near its sector, and a partnership is a line between two
dots. The same facts are also given as a table for screen readers.
"""

import math
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from tsunagari.directory.models import ReviewStatus, ServiceStatus, TaxonomyTerm, Ward
from tsunagari.directory.needs import NEEDS
from tsunagari.partners.models import Member, Partnership, Sector

FEW_MEMBERS = 3
FEW_SERVICES = 3
SIZE = 560
CENTER = SIZE / 2
RING = 200


@dataclass
class Node:
    x: float
    y: float
    name: str
    sector: str


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    a: str
    b: str
    sector_a: str
    sector_b: str


def members_by_sector() -> list[tuple[str, int]]:
    counts = Counter(Member.objects.approved().values_list("sector", flat=True))
    return [(str(label), counts.get(value, 0)) for value, label in Sector.choices]


def share_outside_welfare() -> tuple[int, int, int]:
    """(members outside welfare, all members, percent rounded)."""
    sectors = list(Member.objects.approved().values_list("sector", flat=True))
    outside = sum(1 for s in sectors if s not in Sector.welfare())
    total = len(sectors)
    return outside, total, round(100 * outside / total) if total else 0


def wards_with_few_members(threshold: int = FEW_MEMBERS) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for wards in Member.objects.approved().values_list("wards", flat=True):
        counts.update(set(wards or []))
    rows = [(str(w.label), counts.get(w.value, 0)) for w in Ward.sakai_wards()]
    return sorted([r for r in rows if r[1] < threshold], key=lambda r: r[1])


def needs_with_few_services(threshold: int = FEW_SERVICES) -> list[tuple[str, str, int]]:
    published = Q(
        attributes__service__review_status=ReviewStatus.PUBLISHED,
        attributes__service__status=ServiceStatus.ACTIVE,
    )
    counts = dict(
        TaxonomyTerm.objects.filter(taxonomy="need")
        .annotate(n=Count("attributes__service", filter=published, distinct=True))
        .values_list("code", "n")
    )
    rows = [(need.code, str(need.label), counts.get(need.code, 0)) for need in NEEDS]
    return sorted([r for r in rows if r[2] < threshold], key=lambda r: r[2])


def picture() -> tuple[list[dict[str, object]], list[Node], list[Edge]]:
    """Sector labels, member dots and partnership lines, positioned for the SVG."""
    members = list(Member.objects.approved().select_related("organization"))
    by_sector: dict[str, list[Member]] = {}
    for m in members:
        by_sector.setdefault(m.sector, []).append(m)
    sectors = [value for value, _label in Sector.choices]
    labels: list[dict[str, object]] = []
    positions: dict[object, Node] = {}
    for i, sector in enumerate(sectors):
        angle = 2 * math.pi * i / len(sectors) - math.pi / 2
        sx, sy = CENTER + RING * math.cos(angle), CENTER + RING * math.sin(angle)
        lx, ly = CENTER + (RING + 45) * math.cos(angle), CENTER + (RING + 45) * math.sin(angle)
        group = by_sector.get(sector, [])
        labels.append(
            {
                "x": round(lx, 1),
                "y": round(ly, 1),
                "label": Sector(sector).label,
                "count": len(group),
                "anchor": "middle"
                if abs(math.cos(angle)) < 0.3
                else ("start" if math.cos(angle) > 0 else "end"),
            }
        )
        for j, m in enumerate(group):
            # members of a sector spread on a small circle around the sector's point
            r = 0 if len(group) == 1 else 10 + 2 * len(group)
            a = 2 * math.pi * j / max(len(group), 1)
            positions[m.organization_id] = Node(
                round(sx + r * math.cos(a), 1),
                round(sy + r * math.sin(a), 1),
                m.organization.name,
                str(Sector(sector).label),
            )
    edges: list[Edge] = []
    for p in Partnership.objects.select_related("organization_a", "organization_b"):
        one, two = positions.get(p.organization_a_id), positions.get(p.organization_b_id)
        if one and two:
            edges.append(
                Edge(one.x, one.y, two.x, two.y, one.name, two.name, one.sector, two.sector)
            )
    return labels, list(positions.values()), edges


def sector_pairs(edges: list[Edge]) -> list[tuple[str, str, int]]:
    counts = Counter(tuple(sorted((e.sector_a, e.sector_b))) for e in edges)
    return sorted(((a, b, n) for (a, b), n in counts.items()), key=lambda r: -r[2])
