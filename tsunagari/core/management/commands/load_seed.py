from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# In order: the sourced directory first, then the clearly fictional demo set.
SEED_COMMANDS = ["load_directory", "load_demo", "load_demo_gatherings"]
# Sourced sets besides the directory (loaded with --no-demo too), and more fictional demo sets.
SEED_COMMANDS[1:1] = ["load_measures"]
SEED_COMMANDS += ["load_demo_survey"]
SOURCED_COMMANDS = {"load_directory", "load_measures"}


class Command(BaseCommand):
    help = "Load every seed set (sourced directory data, then the fictional demo set). Safe to run again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-demo", action="store_true", help="Load only the sourced directory data."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        available = get_commands()
        for name in SEED_COMMANDS:
            if options["no_demo"] and name not in SOURCED_COMMANDS:
                continue
            if name not in available:
                self.stdout.write(self.style.WARNING(f"{name}: not installed, skipped"))
                continue
            self.stdout.write(f"== {name}")
            call_command(name, stdout=self.stdout, stderr=self.stderr)
