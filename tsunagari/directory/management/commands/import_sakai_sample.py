from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from tsunagari.directory.importers.base import Progress, RowError
from tsunagari.directory.importers.sakai_sample import DEFAULT_PATH, import_sakai_sample


class Command(BaseCommand):
    help = (
        "名前だけが公開されている堺市の窓口と居場所（連絡先は確認中）を取り込みます。"
        "電話番号・住所・受付時間は入れません。"
        " / Import Sakai desks known only by name (data/sakai-sample.csv), marked 連絡先は確認中."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help=f"CSV のパス（既定: {DEFAULT_PATH}）")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"] or Path(settings.BASE_DIR) / DEFAULT_PATH)
        if not path.exists():
            raise CommandError(gettext("%(path)s が見つかりません。") % {"path": path})
        self.stdout.write(gettext("%(path)s を取り込みます…") % {"path": path})
        verbose = options["verbosity"] >= 2
        try:
            result = import_sakai_sample(path, progress=self._progress(verbose))
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
