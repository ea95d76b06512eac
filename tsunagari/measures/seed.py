"""Reading the plan structure and the city's measures from data/*.tsv (maintained by staff).

Loading is idempotent: it adds what is missing and never overwrites what staff
edited on the site. A bad line is named and nothing is written.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from tsunagari.measures.models import (
    NEED_FOR_GROUP,
    Mapping,
    Measure,
    NationalMeasure,
    PlanItem,
    PlanPillar,
    TargetGroup,
)

DATA = Path(__file__).parent / "data"
PLAN_COLUMNS = ["pillar", "item", "title", "national_measure", "source"]
MEASURE_COLUMNS = ["measure", "target_group", "pillar", "item", "national_measure", "source"]


class SeedError(ValueError):
    pass


@dataclass
class Counts:
    pillars: int = 0
    items: int = 0
    national_measures: int = 0
    measures: int = 0
    mappings: int = 0


def read_rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    numbered = [
        (n, line)
        for n, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader([line for _n, line in numbered], delimiter="\t")
    if reader.fieldnames != columns:
        raise SeedError(f"{path.name}: columns must be {columns}, not {reader.fieldnames}")
    return [
        (numbered[i + 1][0], {k: (v or "").strip() for k, v in row.items()})
        for i, row in enumerate(reader)
    ]


def _int(path: Path, number: int, value: str, column: str) -> int:
    if not value.isdigit():
        raise SeedError(f"{path.name} line {number}: {column} must be a number, not {value!r}")
    return int(value)


def load(plan: Path = DATA / "plan.tsv", measures: Path = DATA / "measures.tsv") -> Counts:
    counts = Counts()
    with transaction.atomic():
        for number, row in read_rows(plan, PLAN_COLUMNS):
            pillar, made = PlanPillar.objects.get_or_create(
                number=_int(plan, number, row["pillar"], "pillar")
            )
            counts.pillars += made
            if not row["item"]:
                if row["title"] and not pillar.title:
                    pillar.title = row["title"]
                    pillar.save(update_fields=["title"])
                continue
            if not row["title"]:
                raise SeedError(f"{plan.name} line {number}: a sub-item needs its title")
            item, made = PlanItem.objects.get_or_create(
                pillar=pillar,
                number=_int(plan, number, row["item"], "item"),
                defaults={"title": row["title"]},
            )
            counts.items += made
            if row["national_measure"]:
                _nm, made = NationalMeasure.objects.get_or_create(
                    item=item, title=row["national_measure"]
                )
                counts.national_measures += made
        for number, row in read_rows(measures, MEASURE_COLUMNS):
            if row["target_group"] not in TargetGroup.values:
                raise SeedError(
                    f"{measures.name} line {number}: unknown target group {row['target_group']!r}"
                )
            mapped = PlanItem.objects.filter(
                pillar__number=_int(measures, number, row["pillar"], "pillar"),
                number=_int(measures, number, row["item"], "item"),
            ).first()
            if mapped is None:
                raise SeedError(f"{measures.name} line {number}: no such plan sub-item in plan.tsv")
            item = mapped
            national = None
            if row["national_measure"]:
                national = NationalMeasure.objects.filter(
                    item=item, title=row["national_measure"]
                ).first()
                if national is None:
                    raise SeedError(
                        f"{measures.name} line {number}: national measure not in plan.tsv"
                    )
            group = TargetGroup(row["target_group"])
            measure, made = Measure.objects.get_or_create(
                name=row["measure"],
                defaults={
                    "target_groups": [group.value],
                    "need_codes": [NEED_FOR_GROUP[group]],
                    "source": row["source"],
                },
            )
            counts.measures += made
            _m, made = Mapping.objects.get_or_create(
                measure=measure, item=item, national_measure=national
            )
            counts.mappings += made
    return counts
