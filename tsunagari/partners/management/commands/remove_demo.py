from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tsunagari.accounts.models import User
from tsunagari.directory.models import Organization
from tsunagari.partners.management.demo import DEMO_NOTICE_PREFIX
from tsunagari.partners.models import Notice


class Command(BaseCommand):
    help = "デモ用の架空のデータ（is_demo の団体と、それにつながるすべて）をまとめて消します。"

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            # Deleting the organisations cascades to memberships, roles, offers, requests,
            # contacts, partnerships, services and gatherings.
            count = Organization.objects.filter(is_demo=True).count()
            # Accounts made by ``load_demo --accounts`` act only for demo organisations.
            demo_users = User.objects.filter(
                roles__organization__is_demo=True, username__endswith="@example.org"
            ).exclude(roles__organization__is_demo=False)
            users = demo_users.distinct().count()
            User.objects.filter(pk__in=list(demo_users.values_list("pk", flat=True))).delete()
            Organization.objects.filter(is_demo=True).delete()
            notices, _by_model = Notice.objects.filter(
                title__startswith=DEMO_NOTICE_PREFIX
            ).delete()
        self.stdout.write(f"デモの団体 {count} 件とデモのお知らせ {notices} 件を消しました。")
        if users:
            self.stdout.write(f"デモのアカウント {users} 件も消しました。")
