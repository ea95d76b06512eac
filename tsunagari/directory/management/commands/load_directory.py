import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tsunagari.directory.models import Location, Organization, Phone, Schedule, Service


class Command(BaseCommand):
    help = (
        "相談先のシードデータ（出典つきの相談先・国の支援制度・堺市の窓口と居場所）をまとめて取り込みます。"
        "何度実行しても同じ結果になります。"
        " / Load the directory seed data: import_contacts, import_notalone, import_sakai_sample."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        verbosity = options["verbosity"]
        for command in ("import_contacts", "import_notalone", "import_sakai_sample"):
            call_command(command, verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"相談先 {Service.objects.count()} 件、団体 {Organization.objects.count()} 件、"
                f"電話番号 {Phone.objects.count()} 件、受付時間 {Schedule.objects.count()} 件、"
                f"場所 {Location.objects.count()} 件（{elapsed:.1f} 秒）"
            )
        )
