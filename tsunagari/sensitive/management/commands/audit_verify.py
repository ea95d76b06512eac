from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.sensitive.models import AccessRecord


class Command(BaseCommand):
    help = "Check the hash chain of the access records; name the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = AccessRecord.first_broken()
        if broken is not None:
            raise CommandError(
                f"記録の鎖が切れています: 最初の不一致は id={broken.id}（{broken.at:%Y-%m-%d %H:%M:%S}）"
            )
        count = AccessRecord.objects.count()
        self.stdout.write(
            f"記録 {count} 件の鎖は正しくつながっています。最新: {AccessRecord.head()}"
        )
