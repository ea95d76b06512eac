from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tsunagari.accounts.local import local_account, refuse_unless_debug
from tsunagari.accounts.models import Role, RoleKind
from tsunagari.directory.models import Organization
from tsunagari.partners.management.demo import (
    DEMO_NOTICE,
    DEMO_OFFERS,
    DEMO_ORGANIZATIONS,
    DEMO_PARTNERSHIPS,
    DEMO_REQUESTS,
)
from tsunagari.partners.models import Member, MemberStatus, Notice, Offer, Partnership, Request


class Command(BaseCommand):
    help = (
        "説明用の架空の参加団体、できること・してほしいこと、連携を入れます（何度実行しても増えません）。"
        "remove_demo で消せます。--accounts で、各団体の管理者としてログインできるアカウントも作ります"
        "（DEBUG が on のときだけ）。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="各デモ団体の管理者アカウントを作り、パスワードと認証アプリの秘密の鍵を一度だけ表示します。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["accounts"]:
            refuse_unless_debug()
        with transaction.atomic():
            orgs: dict[str, Organization] = {}
            for number, (name, spec) in enumerate(DEMO_ORGANIZATIONS.items(), start=1):
                org, _created = Organization.objects.get_or_create(
                    name=name, is_demo=True, defaults={"description": spec["description"]}
                )
                Member.objects.update_or_create(
                    organization=org,
                    defaults={
                        "sector": spec["sector"],
                        "status": MemberStatus.APPROVED,
                        "needs": spec["needs"],
                        "wards": spec["wards"],
                        "contact_name": "（デモ）担当者",
                        "contact_email": f"demo-{number:02d}@example.org",
                        "contact_public": number % 3 != 0,
                        "can_offer": spec["can_offer"],
                        "looking_for": spec["looking_for"],
                    },
                )
                if org.description != spec["description"]:
                    org.description = spec["description"]
                    org.save(update_fields=["description", "updated_at"])
                orgs[name] = org
            for model, rows in ((Offer, DEMO_OFFERS), (Request, DEMO_REQUESTS)):
                for org_name, kind, title, needs, wards in rows:
                    model.objects.get_or_create(  # type: ignore[attr-defined]
                        organization=orgs[org_name],
                        title=title,
                        defaults={"kind": kind, "needs": needs, "wards": wards},
                    )
            for one, other in DEMO_PARTNERSHIPS:
                Partnership.record(orgs[one], orgs[other])
            Notice.objects.get_or_create(
                title=DEMO_NOTICE["title"],
                defaults={"body": DEMO_NOTICE["body"], "is_public": True},
            )
        self.stdout.write(f"デモの参加団体 {len(orgs)} 件を入れました。")
        if options["accounts"]:
            self._accounts(orgs)

    def _accounts(self, orgs: dict[str, Organization]) -> None:
        """One admin account per demo organisation; existing ones are left alone (printed before)."""
        made = 0
        for org in orgs.values():
            email = org.member.contact_email  # type: ignore[attr-defined]
            account = local_account(email=email, display_name="（デモ）担当者", reset=False)
            if account is None:
                self.stdout.write(
                    f"{org.name}: {email} はもうあります（パスワードは前に表示しました）。"
                )
                continue
            Role.objects.get_or_create(
                user=account.user, organization=org, defaults={"kind": RoleKind.ADMIN}
            )
            made += 1
            self.stdout.write(f"{org.name} の管理者（デモ）")
            for line in account.lines():
                self.stdout.write(line)
        if made:
            self.stdout.write(
                f"デモのアカウント {made} 件を作りました。パスワードと鍵は、いまだけ表示しています。"
            )
