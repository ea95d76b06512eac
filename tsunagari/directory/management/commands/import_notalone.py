from pathlib import Path

from django.utils.translation import gettext

from tsunagari.directory.importers.base import ImportResult, Progress
from tsunagari.directory.importers.notalone import default_path, import_notalone
from tsunagari.directory.management.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "国の支援制度の一覧（『あなたはひとりじゃない』2021年11月時点、Civichat 収集）を取り込みます。"
        "ファイルがなければ、そう伝えて何もせずに終わります。"
        " / Import the 2021 national schemes (NOTALONE_CSV or data/national/notalone-2021.csv.gz)."
    )
    path_help = "CSV のパス（既定: 環境変数 NOTALONE_CSV か data/national/notalone-2021.csv.gz）"

    def default_path(self) -> Path:
        return default_path()

    def importer(self, path: Path, *, progress: Progress) -> ImportResult:
        return import_notalone(path, progress=progress)

    def missing_file(self, path: Path) -> None:
        self.stdout.write(
            self.style.WARNING(
                gettext(
                    "%(path)s が見つからないため、国の支援制度の取り込みは飛ばします。"
                    "NOTALONE_CSV でファイルの場所を指定できます。"
                )
                % {"path": path}
            )
        )
