from typing import Any

from django.core.management.base import BaseCommand

from tsunagari.sensitive.models import AccessRecord


class Command(BaseCommand):
    help = "Print the latest access-record hash, to keep outside the system (compare it later)."

    def handle(self, *args: Any, **options: Any) -> None:
        last = AccessRecord.objects.order_by("-id").first()
        if last is None:
            self.stdout.write(AccessRecord.head())
        else:
            self.stdout.write(f"{last.hash} id={last.id} {last.at.isoformat()}")
