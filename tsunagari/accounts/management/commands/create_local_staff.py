from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tsunagari.accounts.local import local_account, refuse_unless_debug


class Command(BaseCommand):
    help = (
        "手元の開発用に、事務局（staff）のアカウントを作ります。パスワードと認証アプリの秘密の鍵を表示します。"
        "DEBUG が on のときだけ動きます。もう一度実行すると、パスワードと鍵を作り直します。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--email", default="staff@example.org", help="ログインID にするメールアドレス"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_unless_debug()
        account = local_account(email=options["email"], display_name="（手元）事務局", staff=True)
        if account is None:  # cannot happen with reset on; say so rather than crash
            raise CommandError("アカウントを用意できませんでした。")
        self.stdout.write("事務局のアカウントを用意しました（この表示は一度きりです）。")
        for line in account.lines():
            self.stdout.write(line)
        self.stdout.write(
            "認証アプリ（Google Authenticator など）に秘密の鍵を登録し、ログインのあと6桁の確認コードを入れてください。"
        )
