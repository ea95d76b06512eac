from typing import Any

from django.core.management.base import BaseCommand

from tsunagari.survey.demo import load_demo_wave
from tsunagari.survey.results import compute


class Command(BaseCommand):
    help = "Create the synthetic demo survey wave (made-up answers and margins). Safe to run again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--answers", type=int, default=1200)

    def handle(self, *args: Any, **options: Any) -> None:
        wave = load_demo_wave(options["answers"])
        results = compute(wave)
        overall = results.overall("direct_any")
        share = overall.percent_estimate if overall else "-"
        self.stdout.write(
            f"{wave.name}: {results.n_answers} answers, {results.status}, direct_any {share}%"
        )
