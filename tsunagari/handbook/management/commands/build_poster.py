import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tsunagari.handbook.edition import EditionError
from tsunagari.handbook.pdf import FontMissing
from tsunagari.handbook.posters import SIZES, poster_pdf
from tsunagari.handbook.printing import write_atomically
from tsunagari.handbook.venues import VenueError, find_venue


class Command(BaseCommand):
    help = (
        "福祉の外の場所（図書館・駅・理容室など）に貼るポスターやカードのPDFを作ります。"
        " --campaign で5月の孤独・孤立対策強化月間のポスター。"
        " / Build a poster or card for a venue kind (or the May campaign's poster)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="PDF file to write")
        parser.add_argument("--venue", default="", help="場所の種類（例: 図書館）")
        parser.add_argument("--size", default="A4", help=f"大きさ: {', '.join(SIZES)}")
        parser.add_argument("--lang", default="", help="言語コード（例: ja）")
        parser.add_argument("--campaign", action="store_true", help="5月のキャンペーンのポスター")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        started = time.perf_counter()
        try:
            if not options["venue"] and not options["campaign"]:
                raise VenueError(_("--venue（場所の種類）か --campaign を指定してください。"))
            venue = find_venue(options["venue"]) if options["venue"] else None
            pdf = poster_pdf(
                venue=venue,
                size=options["size"],
                language=options["lang"],
                campaign=options["campaign"],
            )
        except (VenueError, EditionError, FontMissing) as error:
            raise CommandError(str(error)) from error
        write_atomically(out, pdf)
        self.stdout.write(
            _("%(path)s を作りました（%(kb)d KB、%(seconds).1f 秒）。")
            % {"path": out, "kb": len(pdf) // 1024, "seconds": time.perf_counter() - started}
        )
