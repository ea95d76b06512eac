"""Counting, read-only, what reaches each ward: the city's measures and the directory's services.

``services_by_ward`` is also what the staff dashboard's coverage table uses.
"""

from collections import Counter
from dataclasses import dataclass

from tsunagari.directory.models import Area, Service, Taxonomy, Ward
from tsunagari.measures.models import NEED_FOR_GROUP, Measure, PlanItem, PlanPillar, TargetGroup

WIDE_AREAS = {Area.NATIONAL, Area.PREFECTURE, Area.CITY}


def sakai_wards() -> list[tuple[str, str]]:
    return [(w.value, str(w.label)) for w in Ward.sakai_wards()]


def services_by_ward(need_codes: list[str]) -> dict[str, Counter[str]]:
    """need code -> ward -> number of public services with that need a person in the ward can use.

    City-wide, prefectural and national services reach every ward; a ward's own
    services reach that ward.
    """
    result: dict[str, Counter[str]] = {code: Counter() for code in need_codes}
    wards = [w for w, _label in sakai_wards()]
    rows = (
        Service.objects.public()
        .filter(terms__taxonomy=Taxonomy.NEED, terms__code__in=need_codes)
        .values_list("pk", "terms__code", "area", "ward")
        .distinct()
    )
    for _pk, code, area, ward in rows:
        if area in WIDE_AREAS:
            result[code].update(wards)
        elif ward in wards:
            result[code][ward] += 1
    return result


@dataclass
class PolicyRow:
    pillar: PlanPillar
    item: PlanItem | None
    counts: list[int]


def policy_rows() -> list[PolicyRow]:
    """Plan sub-items × target groups: how many measures serve each (0 = a gap)."""
    groups = [g.value for g in TargetGroup]
    measures = {m.pk: m for m in Measure.objects.all()}
    served: dict[int, set[int]] = {}
    for item_id, measure_id in PlanItem.objects.values_list("pk", "mappings__measure"):
        if measure_id is not None:
            served.setdefault(item_id, set()).add(measure_id)
    rows = []
    for pillar in PlanPillar.objects.prefetch_related("items"):
        items = list(pillar.items.all())
        if not items:
            rows.append(PolicyRow(pillar, None, [0 for _g in groups]))
        for item in items:
            ids = served.get(item.pk, set())
            rows.append(
                PolicyRow(
                    pillar,
                    item,
                    [sum(1 for i in ids if g in measures[i].target_groups) for g in groups],
                )
            )
    return rows


@dataclass
class WardCell:
    measures: int
    services: int

    @property
    def gap(self) -> bool:
        return self.measures == 0


def ward_rows() -> list[tuple[str, list[WardCell]]]:
    """Target groups × wards: measures serving the ward, and directory services reaching it."""
    wards = [w for w, _label in sakai_wards()]
    measures = list(Measure.objects.all())
    services = services_by_ward(list(NEED_FOR_GROUP.values()))
    rows = []
    for group in TargetGroup:
        mine = [m for m in measures if group.value in m.target_groups]
        need = NEED_FOR_GROUP[group]
        rows.append(
            (
                str(group.label),
                [
                    WardCell(sum(1 for m in mine if m.serves_ward(w)), services[need][w])
                    for w in wards
                ],
            )
        )
    return rows
