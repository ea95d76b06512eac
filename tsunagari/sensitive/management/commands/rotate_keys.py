from typing import Any

from django.core.management.base import BaseCommand

from tsunagari.sensitive.crypto import keyring
from tsunagari.sensitive.maintenance import rotate
from tsunagari.sensitive.registry import sensitive_models


class Command(BaseCommand):
    help = (
        "Re-encrypt every personal detail with the current key (the first in SENSITIVE_KEYS). "
        "Run it after putting a new key first; afterwards the old key can be removed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rotate(sensitive_models())
        for label, changed in counts.items():
            self.stdout.write(f"{label}: {changed}")
        self.stdout.write(
            f"鍵 {keyring().current} で {sum(counts.values())} 件を暗号化し直しました"
        )
