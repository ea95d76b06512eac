from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.measures.seed import SeedError, load


class Command(BaseCommand):
    help = "Load the national plan's structure and the city's measures from measures/data/*.tsv. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = load()
        except SeedError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"added {counts.pillars} pillars, {counts.items} sub-items, {counts.national_measures} national measures, "
            f"{counts.measures} measures, {counts.mappings} mappings"
        )
