"""Check the navigator's lexicon files (syntax, duplicates, unknown codes, unmatchable words)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.navigator.lexicon import lexicon_dir, problems, worry_entries


class Command(BaseCommand):
    help = (
        "ナビのことば（lexicon/）を確かめます：書き方、重複、知らないコード、読みとれない表現。"
        " / Check the navigator lexicon: syntax, duplicates, unknown codes, unmatchable expressions."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        found = problems()
        for problem in found:
            self.stderr.write(problem)
        if found:
            raise CommandError(f"{len(found)} problem(s) in {lexicon_dir()}")
        self.stdout.write(f"lexicon OK: {len(worry_entries())} worry expressions")
