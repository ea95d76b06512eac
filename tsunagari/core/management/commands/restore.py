import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.core.backup import BackupError, backup_key, read_header, restore


class Command(BaseCommand):
    help = (
        "Replace the database's content with an encrypted backup made by `backup`, then "
        "check every table's row count and checksum against the backup's record."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="the backup file")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"バックアップのファイルがありません: {path}")
        try:
            with path.open("rb") as archive:
                header, _head = read_header(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if options["interactive"]:
            answer = input(
                f"{header.get('created_at')} のバックアップで、いまのデータベースをすべて置きかえます。"
                "よろしければ yes と入力してください: "
            )
            if answer.strip() != "yes":
                raise CommandError("戻すのをやめました。何も変えていません。")
        started = time.monotonic()
        try:
            header = restore(path, key=backup_key())
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"戻しました: {len(header['tables'])} 表の件数とチェックサムがバックアップの記録と一致しました"
            f"（{time.monotonic() - started:.2f} 秒）。"
        )
