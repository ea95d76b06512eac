import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tsunagari.handbook.edition import directory_fingerprint, ward_choices
from tsunagari.handbook.store import current_edition, stored


class Command(BaseCommand):
    help = (
        "サイトからダウンロードするハンドブック（全域版と区版）のうち、名簿が変わったものを作り直します。"
        " / Rebuild the stored handbook editions the directory has changed under."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lang", action="append", help="言語コード（くり返し可。既定: すべて）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        languages = options["lang"] or [code for code, _ in settings.LANGUAGES]
        fingerprint = directory_fingerprint()
        for language in languages:
            for ward in ["", *(code for code, _label in ward_choices())]:
                if stored(ward, language, fingerprint).current:
                    continue
                started = time.perf_counter()
                path = current_edition(ward, language)
                self.stdout.write(
                    _("%(path)s を作りました（%(seconds).1f 秒）。")
                    % {"path": path, "seconds": time.perf_counter() - started}
                )
