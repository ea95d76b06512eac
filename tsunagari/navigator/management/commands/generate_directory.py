"""A synthetic directory for benchmarks: obviously fake names, no contact facts at all."""

import random
from datetime import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tsunagari.directory.models import (
    Area,
    Attribute,
    Organization,
    Schedule,
    Service,
    TaxonomyTerm,
    Ward,
)
from tsunagari.directory.needs import AUDIENCES, CHANNELS, NEED_CODES
from tsunagari.navigator.index import invalidate

BATCH = 2000


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
            "--seed", type=int, default=2026, help="Random seed (same seed, same directory)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["services"]
        if count < 1 or count > 200_000:
            raise CommandError("--services は 1〜200000 で指定してください。")
        rng = random.Random(options["seed"])  # noqa: S311 - not for security
        terms = {(t.taxonomy, t.code): t for t in TaxonomyTerm.objects.all()}
        missing = [code for code in NEED_CODES if ("need", code) not in terms]
        if missing:
            raise CommandError(f"お悩みの分類がありません: {missing}（migrate を先に）")
        wards = [w.value for w in Ward.sakai_wards()]
        channel_codes = [c for c, _ in CHANNELS if ("channel", c) in terms]
        audience_codes = [c for c, _ in AUDIENCES if ("audience", c) in terms]
        with transaction.atomic():
            org = Organization.objects.create(
                name="（架空）ベンチマーク用の団体", is_demo=True, source_name="generate_directory"
            )
            made = 0
            while made < count:
                size = min(BATCH, count - made)
                services = []
                for n in range(made, made + size):
                    area = rng.choice(
                        [Area.WARD, Area.WARD, Area.CITY, Area.NATIONAL, Area.PREFECTURE]
                    )
                    services.append(
                        Service(
                            organization=org,
                            name=f"（架空）相談先 {n + 1:05d}",
                            description="ベンチマーク用の架空の相談先です。実在しません。",
                            area=area,
                            ward=rng.choice(wards) if area == Area.WARD else "",
                            source_name="generate_directory",
                            import_key=f"synthetic:{options['seed']}:{n}",
                        )
                    )
                Service.objects.bulk_create(services)
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
                Attribute.objects.bulk_create(attributes)
                Schedule.objects.bulk_create(schedules)
                made += size
                self.stdout.write(f"{made}/{count}")
        invalidate()
        self.stdout.write(self.style.SUCCESS(f"架空の相談先を {count} 件作りました。"))
