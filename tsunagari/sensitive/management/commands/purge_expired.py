from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from tsunagari.sensitive.maintenance import purge_expired
from tsunagari.sensitive.registry import sensitive_models


class Command(BaseCommand):
    help = (
        "Erase personal details whose retention period has ended "
        "(each kind of record says what is expired; the fact of the record stays). Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = purge_expired(sensitive_models(), timezone.now())
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(f"保存期間が終わった {sum(counts.values())} 件の個人情報を消去しました")
