"""Prepare a load-test database: members who sign in and edit, and the ids the scenario visits.

Run with the target's settings (``DATABASE_URL`` etc.) after ``migrate`` and ``load_seed``:
``python bench/load/prepare.py OUT.json``. Everything it makes is fictional and marked
（負荷試験）; the database is a throwaway one under /tmp or ``tsunagari_load``.
"""

from __future__ import annotations

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
django.setup()

from django.db import transaction  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from tsunagari.accounts.models import Role, RoleKind, User  # noqa: E402
from tsunagari.directory.models import Organization, Service  # noqa: E402
from tsunagari.directory.needs import NEED_CODES  # noqa: E402
from tsunagari.gatherings.models import Gathering  # noqa: E402
from tsunagari.partners.models import Member, MemberStatus, Offer, Sector  # noqa: E402

MEMBERS = int(os.environ.get("LOAD_MEMBERS", "40"))
PASSWORD = "load-test-only-2026"  # noqa: S105 - a throwaway database under /tmp


def main(out: str) -> None:
    with transaction.atomic():
        org, _ = Organization.objects.get_or_create(
            name="（負荷試験）架空の団体",
            defaults={"description": "負荷試験のための架空の団体です。", "is_demo": True},
        )
        Member.objects.get_or_create(
            organization=org,
            defaults={
                "sector": Sector.NPO,
                "status": MemberStatus.APPROVED,
                "contact_name": "（負荷試験）担当",
                "contact_email": "load-org@example.org",
            },
        )
        members = []
        totp_keys = {}
        for n in range(MEMBERS):
            email = f"load-member-{n:03d}@example.org"
            user = User.objects.filter(username=email).first()
            if user is None:
                user = User.objects.create_user(username=email, email=email, password=PASSWORD)
            Role.objects.get_or_create(
                user=user, organization=org, defaults={"kind": RoleKind.MEMBER}
            )
            # Everyone with a role signs in with a second factor (decision 0024): a device
            # whose key the drills use to answer the verify step.
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name="（負荷試験）", defaults={"confirmed": True}
            )
            totp_keys[email] = device.key
            members.append(email)
        postings = []
        for n in range(10):
            offer, _ = Offer.objects.get_or_create(
                organization=org,
                title=f"（負荷試験）申し出 {n}",
                defaults={"kind": "venue", "needs": ["connection"], "wards": ["sakai"]},
            )
            postings.append(offer.pk)
    services = [str(pk) for pk in Service.objects.public().values_list("pk", flat=True)[:2000]]
    gatherings = [
        str(pk) for pk in Gathering.objects.published().values_list("pk", flat=True)[:200]
    ]
    extra = {}
    for name in ("hsds:services", "hsds:service_list", "opendata:services"):
        try:
            extra["hsds"] = reverse(name)
            break
        except NoReverseMatch:
            continue
    data = {
        "members": members,
        "totp_keys": totp_keys,
        "password": PASSWORD,
        "postings": postings,
        "services": services,
        "gatherings": gatherings,
        "needs": list(NEED_CODES),
        **extra,
    }
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
    print(
        f"prepared: {len(services)} services, {len(gatherings)} gatherings, {len(members)} members"
    )


if __name__ == "__main__":
    main(sys.argv[1])
