import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tsunagari.handbook.edition import EditionError
from tsunagari.handbook.pdf import FontMissing
from tsunagari.handbook.printing import handbook_pdf, write_atomically


class Command(BaseCommand):
    help = (
        "お悩みハンドブック（A4のPDF）を作ります。--ward で区版（その区の窓口を先に）。"
        " / Build the printed handbook (A4 PDF); --ward for a ward edition."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="PDF file to write")
        parser.add_argument("--ward", default="", help="区の名前かコード（例: 堺区, sakai）")
        parser.add_argument("--lang", default="", help="言語コード（例: ja）")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        started = time.perf_counter()
        try:
            pdf = handbook_pdf(ward=options["ward"], language=options["lang"])
        except (EditionError, FontMissing) as error:
            raise CommandError(str(error)) from error
        write_atomically(out, pdf)
        seconds = time.perf_counter() - started
        self.stdout.write(
            _("%(path)s を作りました（%(kb)d KB、%(seconds).1f 秒）。")
            % {"path": out, "kb": len(pdf) // 1024, "seconds": seconds}
        )
