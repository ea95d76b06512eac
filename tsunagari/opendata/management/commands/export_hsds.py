from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tsunagari.opendata.services import dataset_export


class Command(BaseCommand):
    help = (
        "公開中の相談先を HSDS 3.1 で書き出します（CSV の表と datapackage.json、json/ に入れ子の JSON）。"
        " / Export the public directory as HSDS 3.1 (tabular CSV package and nested JSON)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help=_("書き出し先のフォルダ"))

    def handle(self, *args: Any, out: Path, **options: Any) -> None:
        counts = dataset_export(out=out)
        for path, count in counts.items():
            self.stdout.write(_("%(file)s: %(count)d 件") % {"file": path, "count": count})
        self.stdout.write(self.style.SUCCESS(_("%(dir)s に書き出しました。") % {"dir": out}))
