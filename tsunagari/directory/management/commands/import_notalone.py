from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from tsunagari.directory.importers.base import Progress, RowError
from tsunagari.directory.importers.notalone import default_path, import_notalone


class Command(BaseCommand):
    help = (
        "国の支援制度の一覧（『あなたはひとりじゃない』2021年11月時点、Civichat 収集）を取り込みます。"
        "ファイルがなければ、そう伝えて何もせずに終わります。"
        " / Import the 2021 national schemes (NOTALONE_CSV or ../shared/data/national/notalone-2021.csv)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="CSV のパス（既定: 環境変数 NOTALONE_CSV か ../shared/data/national/notalone-2021.csv）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"]) if options["path"] else default_path()
        if not path.exists():
            self.stdout.write(
                self.style.WARNING(
                    gettext(
                        "%(path)s が見つからないため、国の支援制度の取り込みは飛ばします。"
                        "NOTALONE_CSV でファイルの場所を指定できます。"
                    )
                    % {"path": path}
                )
            )
            return
        self.stdout.write(gettext("%(path)s を取り込みます…") % {"path": path})
        verbose = options["verbosity"] >= 2
        try:
            result = import_notalone(path, progress=self._progress(verbose))
        except RowError as error:
            raise CommandError(
                gettext("%(error)s（このファイルからは何も書き込んでいません）") % {"error": error}
            ) from error
        self.stdout.write(self.style.SUCCESS(result.summary()))

    def _progress(self, verbose: bool) -> Progress:
        def write(message: str) -> None:
            if verbose:
                self.stdout.write(message)

        return write
