"""A synthetic directory for benchmarks: obviously fake names, no contact facts at all.

Every row belongs to a demo organisation (``is_demo``), so citizens never see it unless
``DEMO_MODE`` is on, and ``remove_demo`` deletes it; ``--database`` writes it into another
database alias altogether. The same ``--seed`` gives the same directory.

``--municipalities N`` spreads the services over N synthetic municipalities in 47
synthetic prefectures, with codes whose prefecture numbers (52–98) no real prefecture has
(tsunagari/directory/municipalities.py): about 0.5% national services shared by all, 5%
prefecture-wide, the rest municipal. Without it, every service is Sakai's, as before.
"""

import random
from datetime import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

from tsunagari.directory.models import (
    Area,
    Attribute,
    Organization,
    Schedule,
    Service,
    TaxonomyTerm,
    Ward,
)
from tsunagari.directory.municipalities import (
    FIRST_SYNTHETIC_PREFECTURE,
    check_digit,
    default_for_area,
)
from tsunagari.directory.needs import AUDIENCES, CHANNELS, NEED_CODES
from tsunagari.directory.signals import listings_changed

BATCH = 2000
MAX_SERVICES = 1_000_000
PREFECTURES = 47
NATIONAL_SHARE = 0.005
PREFECTURE_SHARE = 0.05


def synthetic_codes(municipalities: int) -> tuple[list[str], list[str]]:
    """(prefecture codes, municipality codes): well formed, and never a real code."""
    prefectures = min(PREFECTURES, municipalities)
    pref_numbers = [FIRST_SYNTHETIC_PREFECTURE + p for p in range(prefectures)]
    pref_codes = [f"{n}000" + check_digit(f"{n}000") for n in pref_numbers]
    codes = []
    for m in range(municipalities):
        first_five = f"{pref_numbers[m % prefectures]}{100 + m // prefectures:03d}"
        codes.append(first_five + check_digit(first_five))
    return pref_codes, codes


class Command(BaseCommand):
    help = (
        "架空の相談先を大量に作ります（ベンチマーク用）。名前は「（架空）」で始まり、"
        "電話番号・住所は一切つけません。 / Generate N synthetic services for benchmarks."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--services", type=int, default=20000, help="How many services (default 20000)."
        )
        parser.add_argument(
            "--municipalities",
            type=int,
            default=0,
            help="Spread them over this many synthetic municipalities (e.g. 1741).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same seed, same directory)."
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias to write into."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["services"]
        if count < 1 or count > MAX_SERVICES:
            raise CommandError(f"--services は 1〜{MAX_SERVICES} で指定してください。")
        if options["municipalities"] < 0 or options["municipalities"] > 9000:
            raise CommandError("--municipalities は 0〜9000 で指定してください。")
        db = options["database"]
        seed = options["seed"]
        rng = random.Random(seed)  # noqa: S311 - not for security
        terms = {(t.taxonomy, t.code): t for t in TaxonomyTerm.objects.using(db)}
        missing = [code for code in NEED_CODES if ("need", code) not in terms]
        if missing:
            raise CommandError(f"お悩みの分類がありません: {missing}（migrate を先に）")
        wards = [w.value for w in Ward.sakai_wards()]
        channel_codes = [c for c, _ in CHANNELS if ("channel", c) in terms]
        audience_codes = [c for c, _ in AUDIENCES if ("audience", c) in terms]
        pref_codes, codes = synthetic_codes(options["municipalities"])
        with transaction.atomic(using=db):
            orgs: dict[str, Organization] = {}

            def org_for(code: str) -> Organization:
                if code not in orgs:
                    orgs[code] = Organization.objects.using(db).create(
                        name=f"（架空）ベンチマーク用の団体 {code or '全国'}",
                        municipality=code,
                        is_demo=True,
                        source_name="generate_directory",
                    )
                return orgs[code]

            made = 0
            while made < count:
                size = min(BATCH, count - made)
                services = []
                for n in range(made, made + size):
                    if codes:
                        draw = rng.random()
                        if draw < NATIONAL_SHARE:
                            area, code = Area.NATIONAL, ""
                        elif draw < NATIONAL_SHARE + PREFECTURE_SHARE:
                            area, code = Area.PREFECTURE, rng.choice(pref_codes)
                        else:
                            area, code = Area.CITY, rng.choice(codes)
                        ward = ""
                    else:
                        area = rng.choice(
                            [Area.WARD, Area.WARD, Area.CITY, Area.NATIONAL, Area.PREFECTURE]
                        )
                        code = default_for_area(area)
                        ward = rng.choice(wards) if area == Area.WARD else ""
                    services.append(
                        Service(
                            organization=org_for(code if codes else ""),
                            name=f"（架空）相談先 {n + 1:06d}",
                            description="ベンチマーク用の架空の相談先です。実在しません。",
                            area=area,
                            ward=ward,
                            municipality=code,
                            source_name="generate_directory",
                            import_key=f"synthetic:{seed}:{n}",
                        )
                    )
                Service.objects.using(db).bulk_create(services)
                attributes = []
                schedules = []
                for service in services:
                    for code in rng.sample(NEED_CODES, rng.choice([1, 1, 2, 2, 3])):
                        attributes.append(
                            Attribute(service=service, taxonomy_term=terms[("need", code)])
                        )
                    for code in (
                        rng.sample(channel_codes, rng.choice([1, 1, 2])) if channel_codes else []
                    ):
                        attributes.append(
                            Attribute(service=service, taxonomy_term=terms[("channel", code)])
                        )
                    if audience_codes and rng.random() < 0.5:
                        code = rng.choice(audience_codes)
                        attributes.append(
                            Attribute(service=service, taxonomy_term=terms[("audience", code)])
                        )
                    if rng.random() < 0.7:
                        opens = rng.choice([9, 10, 13, 18])
                        schedules.append(
                            Schedule(
                                service=service,
                                freq="WEEKLY",
                                byday=rng.choice(
                                    ["MO,TU,WE,TH,FR", "MO,WE,FR", "SA,SU", "MO,TU,WE,TH,FR,SA,SU"]
                                ),
                                opens_at=time(opens, 0),
                                closes_at=time(min(opens + rng.choice([3, 4, 8]), 23), 0),
                            )
                        )
                Attribute.objects.using(db).bulk_create(attributes)
                Schedule.objects.using(db).bulk_create(schedules)
                made += size
                if made % 50_000 == 0 or made == count:
                    self.stdout.write(f"{made}/{count}")
            if db == DEFAULT_DB_ALIAS:
                # Written without save(): tell every worker's index to reload everything.
                listings_changed.send(sender=Service, service_ids=None)
        self.stdout.write(self.style.SUCCESS(f"架空の相談先を {count} 件作りました。"))
