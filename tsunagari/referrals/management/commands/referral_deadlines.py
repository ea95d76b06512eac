from typing import Any

from django.core.management.base import BaseCommand

from tsunagari.referrals.services import referrals_run_deadlines


class Command(BaseCommand):
    help = (
        "つなぎの期限の前の催促と、期限を過ぎたときの事務局への連絡を送ります（何度実行しても一度だけ）。"
        " / Send referral reminders and escalations (idempotent)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = referrals_run_deadlines()
        self.stdout.write(f"reminded={result.reminded} escalated={result.escalated}")
