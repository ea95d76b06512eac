"""Gatherings and places to belong (居場所・つどい).

A member organisation publishes a recurring get-together (a salon, a 認知症カフェ,
a こども食堂...). While a gathering is published it keeps a mirror
:class:`~tsunagari.directory.models.Service` tagged with the need ``connection``,
so the navigator recommends it like any other service without knowing about
gatherings at all.
"""

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import rrule  # type: ignore[import-untyped]
from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import (
    Address,
    Area,
    Attribute,
    Confidence,
    Frequency,
    Location,
    Organization,
    ReviewStatus,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
    Ward,
    real_unless_demo_mode,
)
from tsunagari.directory.needs import NEEDS_BY_CODE

TOKYO = ZoneInfo("Asia/Tokyo")
CONNECTION_NEED = "connection"


class GatheringKind(models.TextChoices):
    SALON = "salon", _("サロン")
    CAFE = "cafe", _("カフェ（認知症カフェなど）")
    KODOMO_SHOKUDO = "kodomo_shokudo", _("こども食堂")
    EXERCISE = "exercise", _("体操・運動")
    HOBBY = "hobby", _("趣味・学び")
    VOLUNTEER = "volunteer", _("ボランティア")
    OTHER = "other", _("その他")


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("毎週○曜日")
    MONTHLY_NTH = "monthly_nth", _("毎月 第○○曜日")
    MONTHLY_DATE = "monthly_date", _("毎月○日")


class Weekday(models.TextChoices):
    MO = "MO", _("月曜日")
    TU = "TU", _("火曜日")
    WE = "WE", _("水曜日")
    TH = "TH", _("木曜日")
    FR = "FR", _("金曜日")
    SA = "SA", _("土曜日")
    SU = "SU", _("日曜日")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("第1")
    SECOND = 2, _("第2")
    THIRD = 3, _("第3")
    FOURTH = 4, _("第4")
    LAST = -1, _("最終")


class GatheringState(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開中")
    WITHDRAWN = "withdrawn", _("公開をやめた")


_RRULE_DAYS = {
    "MO": rrule.MO,
    "TU": rrule.TU,
    "WE": rrule.WE,
    "TH": rrule.TH,
    "FR": rrule.FR,
    "SA": rrule.SA,
    "SU": rrule.SU,
}


class GatheringQuerySet(models.QuerySet["Gathering"]):
    def published(self) -> "GatheringQuerySet":
        """Gatherings the public sees: published, and real unless ``DEMO_MODE`` is on."""
        return self.filter(real_unless_demo_mode(), state=GatheringState.PUBLISHED)

    def filtered(
        self, *, ward: str = "", kind: str = "", audience: str = ""
    ) -> "GatheringQuerySet":
        qs = self
        if ward:
            qs = qs.filter(ward=ward)
        if kind:
            qs = qs.filter(kind=kind)
        if audience:
            qs = qs.filter(audiences__code=audience, audiences__taxonomy="audience")
        return qs.distinct()


class Gathering(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="gatherings"
    )
    title = models.CharField(_("つどいの名前"), max_length=120)
    kind = models.CharField(_("種類"), max_length=20, choices=GatheringKind.choices)
    description = models.TextField(_("どんなつどいか"), max_length=2000, blank=True)

    recurrence = models.CharField(
        _("くり返し"), max_length=20, choices=Recurrence.choices, default=Recurrence.WEEKLY
    )
    weekday = models.CharField(_("曜日"), max_length=2, choices=Weekday.choices, blank=True)
    week_of_month = models.SmallIntegerField(
        _("第何週"), choices=WeekOfMonth.choices, null=True, blank=True
    )
    day_of_month = models.PositiveSmallIntegerField(_("日付"), null=True, blank=True)
    starts_on = models.DateField(_("はじまる日"))
    until = models.DateField(
        _("おわる日"), null=True, blank=True, help_text=_("決まっていなければ空のままで。")
    )
    start_time = models.TimeField(_("開始時刻"))
    end_time = models.TimeField(_("終了時刻"))

    ward = models.CharField(_("区"), max_length=12, choices=Ward.choices)
    place_name = models.CharField(_("場所の名前"), max_length=120)
    address_text = models.CharField(_("住所"), max_length=200, blank=True)
    # The place is the organisation's own statement, not a fact we checked: keep who said it and when.
    place_entered_by = models.ForeignKey(
        Organization,
        verbose_name=_("場所を入力した団体"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place_entered_at = models.DateTimeField(_("場所を入力した日時"), null=True, blank=True)

    audiences = models.ManyToManyField(
        TaxonomyTerm,
        verbose_name=_("対象"),
        blank=True,
        limit_choices_to={"taxonomy": "audience"},
        related_name="gatherings",
    )
    cost = models.CharField(_("参加費"), max_length=100, blank=True)
    accessibility = models.TextField(_("バリアフリー"), max_length=1000, blank=True)
    newcomers_welcome_alone = models.BooleanField(_("ひとりでの初参加歓迎"), default=False)

    state = models.CharField(
        _("公開の状態"), max_length=12, choices=GatheringState.choices, default=GatheringState.DRAFT
    )
    service = models.OneToOneField(
        Service,
        verbose_name=_("相談先としての掲載"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gathering",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = GatheringQuerySet.as_manager()

    class Meta:
        verbose_name = _("つどい")
        verbose_name_plural = _("つどい")
        ordering = ["title"]
        indexes = [models.Index(fields=["state", "ward"])]

    def __str__(self) -> str:
        return self.title

    # --- recurrence -------------------------------------------------------------

    def rrule_parts(self) -> dict[str, Any]:
        """The recurrence as RFC 5545 RRULE parts (without UNTIL)."""
        if self.recurrence == Recurrence.WEEKLY:
            return {"FREQ": "WEEKLY", "BYDAY": self.weekday}
        if self.recurrence == Recurrence.MONTHLY_NTH:
            return {"FREQ": "MONTHLY", "BYDAY": f"{self.week_of_month}{self.weekday}"}
        return {"FREQ": "MONTHLY", "BYMONTHDAY": self.day_of_month}

    def _rule(self) -> rrule.rrule:
        start = datetime.combine(self.starts_on, self.start_time)
        until = datetime.combine(self.until, time(23, 59, 59)) if self.until else None
        day = _RRULE_DAYS.get(self.weekday)
        if self.recurrence == Recurrence.WEEKLY and day is not None:
            return rrule.rrule(rrule.WEEKLY, byweekday=day, dtstart=start, until=until)
        if self.recurrence == Recurrence.MONTHLY_NTH and day is not None and self.week_of_month:
            return rrule.rrule(
                rrule.MONTHLY, byweekday=day(self.week_of_month), dtstart=start, until=until
            )
        return rrule.rrule(
            rrule.MONTHLY,
            bymonthday=self.day_of_month or self.starts_on.day,
            dtstart=start,
            until=until,
        )

    def occurrences(self, start: date, end: date) -> list[datetime]:
        """Start times (Asia/Tokyo) of the meetings on days from ``start`` to ``end`` inclusive."""
        naive = self._rule().between(
            datetime.combine(start, time.min), datetime.combine(end, time.max), inc=True
        )
        return [moment.replace(tzinfo=TOKYO) for moment in naive]

    @property
    def duration(self) -> timedelta:
        begin = datetime.combine(self.starts_on, self.start_time)
        finish = datetime.combine(self.starts_on, self.end_time)
        return finish - begin if finish > begin else timedelta(hours=1)

    def schedule_fields(self) -> dict[str, Any]:
        """The recurrence in the shape of a directory Schedule row."""
        parts = self.rrule_parts()
        return {
            "freq": Frequency.WEEKLY if parts["FREQ"] == "WEEKLY" else Frequency.MONTHLY,
            "byday": parts.get("BYDAY", ""),
            "bymonthday": str(parts.get("BYMONTHDAY", "")),
            "opens_at": self.start_time,
            "closes_at": self.end_time,
            "valid_from": self.starts_on,
            "valid_to": self.until,
        }

    # --- transitions --------------------------------------------------------------

    @property
    def is_published(self) -> bool:
        return self.state == GatheringState.PUBLISHED

    def publish(self) -> None:
        """Draft or withdrawn → published; the navigator then finds it through its Service."""
        if self.state not in (GatheringState.DRAFT, GatheringState.WITHDRAWN):
            raise InvalidTransition(f"cannot publish a gathering that is {self.state}")
        with transaction.atomic():
            self.state = GatheringState.PUBLISHED
            self.save(update_fields=["state", "updated_at"])
            self.sync_service()

    def withdraw(self) -> None:
        """Published → withdrawn; its Service stops being active so nobody is sent there."""
        if self.state != GatheringState.PUBLISHED:
            raise InvalidTransition(f"cannot withdraw a gathering that is {self.state}")
        with transaction.atomic():
            self.state = GatheringState.WITHDRAWN
            self.save(update_fields=["state", "updated_at"])
            self.sync_service()

    def record_place_entry(self, organization: Organization) -> None:
        self.place_entered_by = organization
        self.place_entered_at = timezone.now()

    # --- the mirror Service ------------------------------------------------------------

    def sync_service(self) -> None:
        """Create or update the directory Service that stands for this gathering.

        Call inside the transaction of the change. A gathering that is not
        published keeps its Service but inactive, so links and history survive.
        """
        service = self.service or Service(organization=self.organization)
        service.organization = self.organization
        service.name = self.title
        service.description = self.description
        service.fees_description = self.cost
        # The gathering's own public page is where a person learns more.
        service.url = settings.SITE_URL.rstrip("/") + reverse("gatherings:detail", args=[self.pk])
        service.eligibility_description = ", ".join(str(term.name) for term in self.audiences.all())
        service.area = Area.WARD
        service.ward = self.ward
        service.review_status = ReviewStatus.PUBLISHED
        service.status = ServiceStatus.ACTIVE if self.is_published else ServiceStatus.INACTIVE
        service.source_name = str(
            _("%(organization)sが入力") % {"organization": self.organization.name}
        )
        service.source_date = timezone.localdate().isoformat()
        service.confidence = Confidence.CONFIRMED
        if self.is_published:
            service.assured_date = timezone.localdate()
        service.save()
        if self.service_id != service.pk:
            self.service = service
            self.save(update_fields=["service", "updated_at"])

        # The term comes from a data migration; get_or_create keeps flushed test databases working.
        connection, _created = TaxonomyTerm.objects.get_or_create(
            taxonomy="need",
            code=CONNECTION_NEED,
            defaults={"name": str(NEEDS_BY_CODE[CONNECTION_NEED].label)},
        )
        Attribute.objects.get_or_create(service=service, taxonomy_term=connection)

        service.schedules.all().delete()
        Schedule.objects.create(service=service, **self.schedule_fields())

        self._sync_location(service)
        service.refresh_kind()

    def _sync_location(self, service: Service) -> None:
        link = service.service_at_locations.select_related("location").first()
        location = link.location if link else Location(organization=self.organization)
        location.name = self.place_name
        location.source_name = service.source_name
        location.source_date = service.source_date
        location.confidence = Confidence.CONFIRMED
        location.save()
        if link is None:
            ServiceAtLocation.objects.create(service=service, location=location)
        location.addresses.all().delete()
        if self.address_text:
            Address.objects.create(location=location, address_1=self.address_text, ward=self.ward)
