from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

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
            Organization.objects.filter(is_demo=True).delete()
            notices, _by_model = Notice.objects.filter(
                title__startswith=DEMO_NOTICE_PREFIX
            ).delete()
        self.stdout.write(f"デモの団体 {count} 件とデモのお知らせ {notices} 件を消しました。")
