from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.handbook.index_words import index_words, read_exclusions
from tsunagari.handbook.venues import VenueError, read_venues


class Command(BaseCommand):
    help = (
        "ポスターの場所の種類（venues.tsv）と、さくいんから外すことば（index_exclude.tsv）を確かめます。"
        " / Check the handbook's data files."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = []
        try:
            venues = read_venues()
        except VenueError as error:
            problems.append(str(error))
            venues = []
        understood = {entry.expression for entry in _lexicon()}
        for line, word in read_exclusions():
            if word not in understood:
                problems.append(
                    f"index_exclude.tsv:{line}: {word!r} is not in the navigator lexicon"
                )
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(
            f"venues: {len(venues)}, index words: {len(index_words())}, "
            f"left out of the index: {len(read_exclusions())}"
        )


def _lexicon() -> Any:
    from tsunagari.navigator.lexicon import worry_entries

    return worry_entries()
