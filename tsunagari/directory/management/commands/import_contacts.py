from pathlib import Path

from django.conf import settings

from tsunagari.directory.importers.base import ImportResult, Progress
from tsunagari.directory.importers.contacts import DEFAULT_PATH, import_contacts
from tsunagari.directory.management.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "出典つきの相談先一覧（CSV）を取り込みます。何度実行しても重複しません。"
        "おかしな行があれば、そのファイルからは何も書き込みません。"
        " / Import the sourced support lines and desks (data/contacts-sourced.csv)."
    )
    path_help = f"CSV のパス（既定: {DEFAULT_PATH}）"

    def default_path(self) -> Path:
        return Path(settings.BASE_DIR) / DEFAULT_PATH

    def importer(self, path: Path, *, progress: Progress) -> ImportResult:
        return import_contacts(path, progress=progress)
