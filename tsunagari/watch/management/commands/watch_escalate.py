"""Escalate reports not acknowledged in time (until the task engine runs it on a schedule)."""

from typing import Any

from django.core.management.base import BaseCommand

from tsunagari.watch.services import watch_escalate_overdue


class Command(BaseCommand):
    help = (
        "期限までにセンターが受けていない見守りの報告を、区の基幹型センターと事務局に知らせます"
        "（何度動かしても1件につき1回だけ）。 / Escalate overdue watch reports (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = watch_escalate_overdue()
        self.stdout.write(f"escalated: {count}")
