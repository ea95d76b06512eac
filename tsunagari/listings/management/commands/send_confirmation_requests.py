from typing import Any

from django.core.management.base import BaseCommand

from tsunagari.listings.services import confirmation_requests_send


class Command(BaseCommand):
    help = (
        "Ask each listing's owner by e-mail (outbox) to confirm or correct it, once a year: "
        "listings unchecked for 12 months and not asked in the last 30 days."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        asked = confirmation_requests_send()
        self.stdout.write(f"confirmation requests queued: {asked}")
