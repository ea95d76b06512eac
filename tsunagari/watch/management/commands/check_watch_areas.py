"""Check the watch data files: concerns, business kinds, 基幹型 centres and the area table."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tsunagari.watch.tables import area_rows, areas_path, concerns, kikan_centres, problems


class Command(BaseCommand):
    help = (
        "見守りの振り分け表（町名 → 地域包括支援センター）と、気づいたことの種類・業種・"
        "基幹型センターの表を確かめます。 / Check the watch area table and its companion files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--areas", help="the area table to check (default: WATCH_AREAS_FILE)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["areas"]) if options.get("areas") else areas_path()
        found = problems(path)
        for problem in found:
            self.stderr.write(problem)
        if found:
            raise CommandError(f"{len(found)} problem(s) in the watch tables")
        self.stdout.write(
            f"watch tables OK: {len(concerns())} concerns, {len(kikan_centres())} 基幹型 centres, "
            f"{len(area_rows(path))} towns in {path.name}"
        )
