"""A few obviously fictional gatherings, so the calendar can be shown without pretending.

Every name starts with 「（デモ）」; there are no phone numbers and no addresses, only
places such as 「（デモ）○○集会所」. The organisations are marked ``is_demo`` and
``remove_demo`` deletes them; their gatherings and mirror Services go with them
by cascade. Safe to run again.
"""

from datetime import date, time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tsunagari.directory.models import Organization, TaxonomyTerm
from tsunagari.gatherings.models import Gathering, GatheringKind, Joining, Recurrence
from tsunagari.partners.models import Member, MemberStatus, Sector

DEMO_ORGANIZATIONS = {
    "（デモ）ひだまりの会": Sector.NPO,
    "（デモ）まちの食卓ネットワーク": Sector.NPO,
    "（デモ）○○町会": Sector.NEIGHBORHOOD,
}

DEMO_GATHERINGS: list[dict[str, Any]] = [
    {
        "organization": "（デモ）ひだまりの会",
        "title": "（デモ）ひだまりサロン",
        "kind": GatheringKind.SALON,
        "description": "（デモ）お茶を飲みながら、おしゃべりする集まりです。この予定は説明用の架空のものです。",
        "recurrence": Recurrence.WEEKLY,
        "weekday": "TU",
        "start_time": time(10, 0),
        "end_time": time(12, 0),
        "ward": "sakai",
        "place_name": "（デモ）○○集会所",
        "audiences": ["anyone", "elderly"],
        "cost": "（デモ）無料",
        "accessibility": "（デモ）段差はありません。",
        "newcomers_welcome_alone": True,
        "joining": Joining.JUST_COME,
    },
    {
        "organization": "（デモ）ひだまりの会",
        "title": "（デモ）オレンジカフェ ひだまり",
        "kind": GatheringKind.CAFE,
        "description": "（デモ）認知症の人と家族、地域の人が集まるカフェです。この予定は説明用の架空のものです。",
        "recurrence": Recurrence.MONTHLY_NTH,
        "weekday": "SA",
        "week_of_month": 2,
        "start_time": time(13, 30),
        "end_time": time(15, 30),
        "ward": "minami",
        "place_name": "（デモ）○○地域会館",
        "audiences": ["elderly", "family"],
        "cost": "（デモ）100円",
        "newcomers_welcome_alone": True,
        "joining": Joining.JUST_COME,
    },
    {
        "organization": "（デモ）まちの食卓ネットワーク",
        "title": "（デモ）みんなのこども食堂",
        "kind": GatheringKind.KODOMO_SHOKUDO,
        "description": "（デモ）こどももおとなも、いっしょに晩ごはんを食べます。この予定は説明用の架空のものです。",
        "recurrence": Recurrence.MONTHLY_NTH,
        "weekday": "WE",
        "week_of_month": 3,
        "start_time": time(17, 0),
        "end_time": time(19, 0),
        "ward": "kita",
        "place_name": "（デモ）○○公民館",
        "audiences": ["child", "family", "anyone"],
        "cost": "（デモ）こどもは無料",
        "newcomers_welcome_alone": True,
        "joining": Joining.BOOK_FIRST,
        "how_to_book": "（デモ）前の週の金曜日までに、主催の団体にメールで申し込んでください。",
        "what_to_bring": "（デモ）とくにありません",
    },
    {
        "organization": "（デモ）○○町会",
        "title": "（デモ）朝のいきいき体操",
        "kind": GatheringKind.EXERCISE,
        "description": "（デモ）いすに座ってできる体操です。この予定は説明用の架空のものです。",
        "recurrence": Recurrence.WEEKLY,
        "weekday": "FR",
        "start_time": time(9, 30),
        "end_time": time(10, 30),
        "ward": "naka",
        "place_name": "（デモ）○○公園",
        "audiences": ["elderly", "adult"],
        "cost": "（デモ）無料",
        "joining": Joining.JUST_COME,
    },
    {
        "organization": "（デモ）まちの食卓ネットワーク",
        "title": "（デモ）ゆる読書会",
        "kind": GatheringKind.HOBBY,
        "description": "（デモ）読んだ本を少しだけ紹介しあう会です。聞くだけでもかまいません。この予定は説明用の架空のものです。",
        "recurrence": Recurrence.MONTHLY_DATE,
        "day_of_month": 15,
        "start_time": time(19, 0),
        "end_time": time(20, 30),
        "ward": "nishi",
        "place_name": "（デモ）○○図書室",
        "audiences": ["youth", "adult"],
        "cost": "（デモ）無料",
        "newcomers_welcome_alone": True,
        "joining": Joining.JUST_COME,
    },
    {
        "organization": "（デモ）○○町会",
        "title": "（デモ）公園そうじボランティア",
        "kind": GatheringKind.VOLUNTEER,
        "description": "（デモ）月に一度、みんなで公園をそうじします。この予定は説明用の架空のものです。",
        "recurrence": Recurrence.MONTHLY_NTH,
        "weekday": "SU",
        "week_of_month": 1,
        "start_time": time(8, 0),
        "end_time": time(9, 0),
        "ward": "mihara",
        "place_name": "（デモ）○○公園",
        "audiences": ["anyone"],
        "cost": "（デモ）無料",
        "joining": Joining.JUST_COME,
    },
]

DEMO_START = date(2026, 4, 1)


def demo_organization(name: str, sector: str) -> Organization:
    """The demo organisation of that name (created by load_demo or here)."""
    organization, created = Organization.objects.get_or_create(
        name=name,
        defaults={"is_demo": True, "description": "（デモ）説明用の架空の団体です。"},
    )
    if not organization.is_demo:
        raise ValueError(
            f"{name} exists but is not marked as demo; refusing to add demo data to it"
        )
    Member.objects.get_or_create(
        organization=organization, defaults={"sector": sector, "status": MemberStatus.APPROVED}
    )
    return organization


class Command(BaseCommand):
    help = "Load a few obviously fictional gatherings under demo organisations (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = 0
        with transaction.atomic():
            organizations = {
                name: demo_organization(name, sector) for name, sector in DEMO_ORGANIZATIONS.items()
            }
            for spec in DEMO_GATHERINGS:
                fields = dict(spec)
                organization = organizations[fields.pop("organization")]
                audiences = fields.pop("audiences")
                gathering, was_created = Gathering.objects.get_or_create(
                    organization=organization,
                    title=fields.pop("title"),
                    defaults={**fields, "starts_on": DEMO_START},
                )
                if was_created:
                    gathering.record_place_entry(organization)
                    gathering.save()
                    gathering.audiences.set(
                        TaxonomyTerm.objects.filter(taxonomy="audience", code__in=audiences)
                    )
                    created += 1
                if not gathering.is_published:
                    gathering.publish()
        self.stdout.write(f"demo gatherings: {created} created, {len(DEMO_GATHERINGS)} in the set")
