from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.survey import reference
from tsunagari.survey.results import INDICATORS


class Command(BaseCommand):
    help = (
        "Check the published figures file (survey/data/reference.tsv): columns, numbers, sources."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            figures = reference.read()
        except ValueError as error:
            raise CommandError(str(error)) from None
        known = {i.code for i in INDICATORS}
        unknown = [f.indicator for f in figures if f.indicator and f.indicator not in known]
        if unknown:
            raise CommandError(f"unknown indicators: {', '.join(unknown)}")
        self.stdout.write(f"{len(figures)} figures, each with its source")
