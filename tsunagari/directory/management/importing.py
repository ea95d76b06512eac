"""The shared shape of the directory's import commands: a CSV path, progress at
-v 2, and a malformed row reported with its line while nothing is written."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from tsunagari.directory.importers.base import ImportResult, Progress, RowError


class ImportCommand(BaseCommand):
    path_help = ""

    def importer(self, path: Path, *, progress: Progress) -> ImportResult:
        raise NotImplementedError

    def default_path(self) -> Path:
        raise NotImplementedError

    def missing_file(self, path: Path) -> None:
        """A missing file is an error unless a command says it can do without it."""
        raise CommandError(gettext("%(path)s が見つかりません。") % {"path": path})

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help=self.path_help)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"]) if options["path"] else self.default_path()
        if not path.exists():
            self.missing_file(path)
            return
        self.stdout.write(gettext("%(path)s を取り込みます…") % {"path": path})
        try:
            result = self.importer(path, progress=self._progress(options["verbosity"] >= 2))
        except RowError as error:
            raise CommandError(
                gettext("%(error)s（このファイルからは何も書き込んでいません）") % {"error": error}
            ) from error
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(self.style.SUCCESS(result.summary()))

    def _progress(self, verbose: bool) -> Callable[[str], None]:
        def write(message: str) -> None:
            if verbose:
                self.stdout.write(message)

        return write
