from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from tsunagari.directory.checks import all_problems


class Command(BaseCommand):
    help = (
        "相談先のデータファイル（分類の表・終了した相談先の一覧・言いかえの表）を確かめます。"
        " / Check the directory data files that people maintain (tags, retired list, synonyms)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = all_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                gettext("データファイルに %(count)d 件の問題があります。")
                % {"count": len(problems)}
            )
        self.stdout.write(self.style.SUCCESS(gettext("データファイルに問題はありません。")))
