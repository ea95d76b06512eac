from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tsunagari.accounts.models import User
from tsunagari.accounts.twofactor import reset_two_factor


class Command(BaseCommand):
    help = (
        "スマートフォンをなくした人の認証アプリと回復用コードを消します。次のログインで登録をやり直します。"
        "本人確認（README「二段階認証の再設定」）のあとに、事務局の職員が実行します。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="その人のメールアドレス（ログインID）")
        parser.add_argument("--reason", required=True, help="理由（記録に残ります）")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"{options['email']} の利用者は見つかりません。")
        with transaction.atomic():
            removed = reset_two_factor(user)
        self.stdout.write(
            f"{user.email}: 二段階認証の登録を消しました（{removed} 件、理由: {options['reason']}）。"
            "次のログインで認証アプリを登録し直します。"
        )
