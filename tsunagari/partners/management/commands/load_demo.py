from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

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
    help = "説明用の架空の参加団体、できること・してほしいこと、連携を入れます（何度実行しても増えません）。remove_demo で消せます。"

    def handle(self, *args: Any, **options: Any) -> None:
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
