from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tsunagari.opendata.package import Refused
from tsunagari.opendata.services import dataset_import


class Command(BaseCommand):
    help = (
        "export_hsds で書き出した HSDS 3.1 のフォルダを読み込みます。"
        "一つでも検証に通らないファイルがあれば、最初の誤りの場所を示して何も書き込みません。"
        " / Import an HSDS 3.1 package; a file that does not validate is refused, nothing written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", type=Path, help=_("読み込むフォルダ"))

    def handle(self, *args: Any, source: Path, **options: Any) -> None:
        try:
            counts = dataset_import(source=source)
        except Refused as refused:
            raise CommandError(
                _("読み込みませんでした（何も書き込んでいません）。%(where)s: %(message)s")
                % {"where": refused.where, "message": refused.message}
            ) from None
        for model, count in counts.items():
            self.stdout.write(f"{model}: {count}")
        self.stdout.write(self.style.SUCCESS(_("%(dir)s を読み込みました。") % {"dir": source}))
