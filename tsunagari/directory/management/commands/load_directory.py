import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from tsunagari.directory.importers.contacts import NEW_PATH
from tsunagari.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceKind,
)

# In order: listings first, then the list of those that ended (it names imported keys).
IMPORTS: list[tuple[str, ...]] = [
    ("import_contacts",),
    ("import_contacts", str(NEW_PATH)),
    ("import_notalone",),
    ("import_sakai_sample",),
    ("import_retired",),
]


class Command(BaseCommand):
    help = (
        "相談先のシードデータ（出典つきの相談先・国の支援制度・堺市の窓口と居場所）をまとめて取り込みます。"
        "何度実行しても同じ結果になります。"
        " / Load the directory seed data: import_contacts (both sourced files), import_notalone,"
        " import_sakai_sample,"
        " then import_retired."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        verbosity = options["verbosity"]
        base = Path(settings.BASE_DIR)
        for command, *paths in IMPORTS:
            call_command(
                command,
                *[str(base / path) for path in paths],
                verbosity=verbosity,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        elapsed = time.monotonic() - started
        public = Service.objects.public()
        self.stdout.write(
            self.style.SUCCESS(
                gettext(
                    "相談先 %(services)d 件、団体 %(organizations)d 件、電話番号 %(phones)d 件、"
                    "受付時間 %(schedules)d 件、場所 %(locations)d 件（%(seconds).1f 秒）"
                    "。公開 %(public)d 件（窓口 %(desks)d 件・制度 %(schemes)d 件）、終了 %(retired)d 件"
                )
                % {
                    "services": Service.objects.count(),
                    "organizations": Organization.objects.count(),
                    "phones": Phone.objects.count(),
                    "schedules": Schedule.objects.count(),
                    "locations": Location.objects.count(),
                    "seconds": elapsed,
                    "public": public.count(),
                    "desks": public.filter(kind=ServiceKind.DESK).count(),
                    "schemes": public.filter(kind=ServiceKind.SCHEME).count(),
                    "retired": Service.objects.retired().count(),
                }
            )
        )
