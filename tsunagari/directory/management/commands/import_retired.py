from pathlib import Path

from django.conf import settings

from tsunagari.directory.importers.base import ImportResult, Progress
from tsunagari.directory.importers.retired import DEFAULT_PATH, import_retired
from tsunagari.directory.management.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "終わった制度・相談先の一覧（data/retired-services.csv）を取り込み、公開ページから外します。"
        "ほかの取り込みのあとに実行します。"
        " / Retire the listings named in data/retired-services.csv (run after the other imports)."
    )
    path_help = f"CSV のパス（既定: {DEFAULT_PATH}）"

    def default_path(self) -> Path:
        return Path(settings.BASE_DIR) / DEFAULT_PATH

    def importer(self, path: Path, *, progress: Progress) -> ImportResult:
        return import_retired(path, progress=progress)
