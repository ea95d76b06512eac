import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.core.backup import BackupError, backup, backup_key, new_backup_key


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the whole database (SQLite: online backup API; "
        "PostgreSQL: pg_dump) to --out, encrypted with BACKUP_KEY. Personal details stay "
        "encrypted inside it; their keys (SENSITIVE_KEYS) are never in it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--out", help="where to write the archive (e.g. var/backup-2026-12-02.tgb)"
        )
        parser.add_argument(
            "--new-key", action="store_true", help="print a new BACKUP_KEY and stop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(new_backup_key())
            return
        if not options["out"]:
            raise CommandError("--out で書き出し先を指定してください。")
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"書き出し先のフォルダがありません: {out.parent}")
        started = time.monotonic()
        try:
            header = backup(out, key=backup_key())
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(count for count, _digest in header["tables"].values())
        self.stdout.write(
            f"バックアップを書きました: {out}（{len(header['tables'])} 表、{rows} 行、"
            f"{out.stat().st_size} バイト、{time.monotonic() - started:.2f} 秒）"
        )
