from pathlib import Path

from django.conf import settings

from tsunagari.directory.importers.base import ImportResult, Progress
from tsunagari.directory.importers.sakai_sample import DEFAULT_PATH, import_sakai_sample
from tsunagari.directory.management.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "名前だけが公開されている堺市の窓口と居場所（連絡先は確認中）を取り込みます。"
        "電話番号・住所・受付時間は入れません。"
        " / Import Sakai desks known only by name (data/sakai-sample.csv), marked 連絡先は確認中."
    )
    path_help = f"CSV のパス（既定: {DEFAULT_PATH}）"

    def default_path(self) -> Path:
        return Path(settings.BASE_DIR) / DEFAULT_PATH

    def importer(self, path: Path, *, progress: Progress) -> ImportResult:
        return import_sakai_sample(path, progress=progress)
