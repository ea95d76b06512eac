from typing import Any

from django.core.management.base import BaseCommand

from tsunagari.sensitive.crypto import new_key


class Command(BaseCommand):
    help = "Print a new AES-256 key for SENSITIVE_KEYS (kid:key). Put the new key first, keep the old ones."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--kid", default="", help="key id (default: today's date)")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.utils import timezone

        kid = options["kid"] or timezone.localdate().strftime("k%Y%m%d")
        self.stdout.write(f"{kid}:{new_key()}")
