from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from tsunagari.directory.importers.base import ImportResult, Progress
from tsunagari.directory.importers.contacts import CORRECTIONS_PATH, DEFAULT_PATH, import_contacts
from tsunagari.directory.management.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "出典つきの相談先一覧（CSV）を取り込みます。何度実行しても重複しません。"
        "おかしな行があれば、そのファイルからは何も書き込みません。"
        " / Import a sourced contacts file (default data/contacts-sourced.csv with"
        " data/contacts-corrections-2026-12.csv applied)."
    )
    path_help = f"CSV のパス（既定: {DEFAULT_PATH}）"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--corrections",
            help=f"訂正のファイル（既定のファイルを取り込むときの既定: {CORRECTIONS_PATH}）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base = Path(settings.BASE_DIR)
        if options["corrections"]:
            self.corrections: Path | None = Path(options["corrections"])
        else:
            self.corrections = None if options["path"] else base / CORRECTIONS_PATH
        super().handle(*args, **options)

    def default_path(self) -> Path:
        return Path(settings.BASE_DIR) / DEFAULT_PATH

    def importer(self, path: Path, *, progress: Progress) -> ImportResult:
        return import_contacts(path, corrections=self.corrections, progress=progress)
