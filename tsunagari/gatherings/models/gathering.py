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
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tsunagari.core.access import is_platform_staff
from tsunagari.core.text import join_list
from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.hours import is_public_holiday, is_year_end
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
from tsunagari.gatherings.models.sessions import Cancellation, Session
from tsunagari.listings.models import ChangeAction, ListingChange

TOKYO = ZoneInfo("Asia/Tokyo")
CONNECTION_NEED = "connection"
HISTORY_TYPE = "gathering"


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
    SUBMITTED = "submitted", _("公開の確認待ち")
    PUBLISHED = "published", _("公開中")
    PAUSED = "paused", _("お休み中")
    ENDED = "ended", _("終了")
    WITHDRAWN = "withdrawn", _("公開をやめた")
    DELETED = "deleted", _("削除済み")


# Which states a visitor can open the page of: an ended or resting gathering says so, not 404.
VISIBLE_STATES = (GatheringState.PUBLISHED, GatheringState.PAUSED, GatheringState.ENDED)
# The directory Service mirrors the gathering's state.
SERVICE_STATUS_FOR: dict[str, str] = {
    GatheringState.PUBLISHED: ServiceStatus.ACTIVE,
    GatheringState.PAUSED: ServiceStatus.TEMPORARILY_CLOSED,
    GatheringState.ENDED: ServiceStatus.DEFUNCT,
    GatheringState.DELETED: ServiceStatus.DEFUNCT,
}


class Joining(models.TextChoices):
    JUST_COME = "just_come", _("申し込みはいりません。その日に来てください。")
    BOOK_FIRST = "book_first", _("はじめに申し込みが必要です。")


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

    def visible(self) -> "GatheringQuerySet":
        return self.filter(state__in=VISIBLE_STATES)

    def kept(self) -> "GatheringQuerySet":
        """What its organiser still manages: everything but deleted ones."""
        return self.exclude(state=GatheringState.DELETED)

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
    skips_holidays = models.BooleanField(
        _("祝日と年末年始（12月29日〜1月3日）はお休み"),
        default=True,
        help_text=_("公民館など公共の建物で開くときは、たいていお休みです。"),
    )

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
    joining = models.CharField(
        _("参加のしかた"), max_length=12, choices=Joining.choices, blank=True
    )
    how_to_book = models.TextField(
        _("申し込みのしかた"),
        max_length=500,
        blank=True,
        help_text=_("申し込みが必要なときに、いつまでに、どうやって申し込むかを書いてください。"),
    )
    what_to_bring = models.CharField(_("持ちもの"), max_length=200, blank=True)

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
    # Staff looked at it before it first went public (decision 0024); until then a member's
    # "publish" only submits it, and its directory entry never counts as checked.
    reviewed_at = models.DateTimeField(_("事務局が確認した日時"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("確認した事務局の人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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

    def _rule_between(self, start: date, end: date) -> list[datetime]:
        naive = self._rule().between(
            datetime.combine(start, time.min), datetime.combine(end, time.max), inc=True
        )
        return [moment.replace(tzinfo=TOKYO) for moment in naive]

    def first_occurrence(self) -> datetime | None:
        """The first day the rule meets (the iCalendar DTSTART), or None if it never does."""
        first = self._rule().after(datetime.combine(self.starts_on, time.min), inc=True)
        return first.replace(tzinfo=TOKYO) if first else None

    def is_skipped(self, day: date) -> bool:
        """A public holiday or 12/29–1/3, when the organiser said the gathering rests then."""
        return self.skips_holidays and (is_public_holiday(day) or is_year_end(day))

    def skipped_occurrences(self, start: date, end: date) -> list[datetime]:
        """Days the rule would meet but the gathering rests (the iCalendar EXDATEs)."""
        return [m for m in self._rule_between(start, end) if self.is_skipped(m.date())]

    def occurrences(self, start: date, end: date) -> list[datetime]:
        """Start times (Asia/Tokyo) of the meetings on days from ``start`` to ``end`` inclusive.

        Holidays it rests on are left out; a cancelled meeting is still here (see :meth:`sessions`).
        """
        return [m for m in self._rule_between(start, end) if not self.is_skipped(m.date())]

    def cancelled_on(self) -> dict[date, str]:
        """Cancelled meeting days and why (reads the prefetchable ``cancellations``)."""
        return {c.day: c.reason for c in self.cancellations.all()}

    def sessions(self, start: date, end: date) -> list[Session]:
        cancelled = self.cancelled_on()
        return [
            Session(
                starts_at=moment,
                gathering=self,
                cancelled=moment.date() in cancelled,
                reason=cancelled.get(moment.date(), ""),
            )
            for moment in self.occurrences(start, end)
        ]

    def upcoming_sessions(self, *, now: datetime | None = None, limit: int = 6) -> list[Session]:
        """The next meetings that have not ended yet; none once the gathering is paused or ended."""
        if self.state != GatheringState.PUBLISHED:
            return []
        now = now or timezone.now()
        today = timezone.localdate(now)
        horizon = date(today.year + 1, today.month, 1)
        return [
            session
            for session in self.sessions(today, horizon)
            if session.starts_at + self.duration > now
        ][:limit]

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

    def _move(self, allowed_from: tuple[str, ...], to: str, *, action: str, by: Any) -> None:
        if self.state not in allowed_from:
            raise InvalidTransition(f"cannot move a gathering from {self.state} to {to}")
        with transaction.atomic():
            before = self.state
            self.state = to
            fields = ["state", "updated_at"]
            if to == GatheringState.ENDED:
                today = timezone.localdate()
                if self.until is None or self.until > today:
                    self.log_change(
                        action=action, field="until", before=self.until, after=today, by=by
                    )
                    self.until = today
                    fields.append("until")
            self.save(update_fields=fields)
            self.log_change(action=action, field="state", before=before, after=to, by=by)
            if self.service_id or self.is_published:
                self.sync_service()

    def publish(self, *, by: Any = None) -> None:
        """Draft, withdrawn or resting → published; the navigator then finds it through its Service.

        A member's draft that staff have never looked at is submitted instead (→ submitted,
        decision 0024); ``by=None`` is the system (demo loader, data commands). A gathering
        that has been public once comes back from a rest or a withdrawal without review.
        """
        first_time = self.state == GatheringState.DRAFT and self.reviewed_at is None
        if first_time and by is not None and not is_platform_staff(by):
            self._move(
                (GatheringState.DRAFT,),
                GatheringState.SUBMITTED,
                action=ChangeAction.SUBMIT,
                by=by,
            )
            return
        self._move(
            (GatheringState.DRAFT, GatheringState.WITHDRAWN, GatheringState.PAUSED),
            GatheringState.PUBLISHED,
            action=ChangeAction.PUBLISH,
            by=by,
        )

    def approve(self, *, by: Any) -> None:
        """Staff looked at a submitted gathering: → published, and its entry counts as checked."""
        if self.state != GatheringState.SUBMITTED:
            raise InvalidTransition(f"cannot approve a gathering that is {self.state}")
        with transaction.atomic():
            self.reviewed_at = timezone.now()
            self.reviewed_by = by
            self.save(update_fields=["reviewed_at", "reviewed_by", "updated_at"])
            self._move(
                (GatheringState.SUBMITTED,),
                GatheringState.PUBLISHED,
                action=ChangeAction.APPROVE,
                by=by,
            )
            if self.service is not None:
                self.service.mark_verified(by_email=str(getattr(by, "email", "") or ""))

    def send_back(self, *, by: Any, message: str) -> None:
        """Staff ask the organiser to correct a submitted gathering: → draft, with the message."""
        if not message.strip():
            raise ValueError("a send-back needs a message")
        with transaction.atomic():
            self._move(
                (GatheringState.SUBMITTED,),
                GatheringState.DRAFT,
                action=ChangeAction.SEND_BACK,
                by=by,
            )
            self.log_change(
                action=ChangeAction.SEND_BACK,
                field="review_message",
                before="",
                after=message,
                by=by,
            )

    def withdraw(self, *, by: Any = None) -> None:
        """Published or resting → withdrawn; its Service stops being active so nobody is sent there."""
        self._move(
            (GatheringState.PUBLISHED, GatheringState.PAUSED),
            GatheringState.WITHDRAWN,
            action=ChangeAction.WITHDRAW,
            by=by,
        )

    def pause(self, *, by: Any = None) -> None:
        """Published → resting for a while: the page says so and the calendar shows no meetings."""
        self._move(
            (GatheringState.PUBLISHED,), GatheringState.PAUSED, action=ChangeAction.PAUSE, by=by
        )

    def end(self, *, by: Any = None) -> None:
        """The gathering no longer meets: its page says it has ended, from today on."""
        self._move(
            (GatheringState.PUBLISHED, GatheringState.PAUSED, GatheringState.WITHDRAWN),
            GatheringState.ENDED,
            action=ChangeAction.END,
            by=by,
        )

    def delete_by_organizer(self, *, by: Any = None) -> None:
        """Gone from every list and page; the row and its history stay for the record."""
        self._move(
            tuple(s for s in GatheringState.values if s != GatheringState.DELETED),
            GatheringState.DELETED,
            action=ChangeAction.DELETE,
            by=by,
        )

    def cancel_session(self, day: date, *, reason: str = "", by: Any = None) -> "Cancellation":
        """Mark one meeting as cancelled (rain, illness); it stays on the calendar, marked."""
        if not self.occurrences(day, day):
            raise InvalidTransition(f"{self} does not meet on {day}")
        if day < timezone.localdate():
            raise InvalidTransition("a past meeting cannot be cancelled")
        with transaction.atomic():
            cancellation, created = Cancellation.objects.get_or_create(
                gathering=self, day=day, defaults={"reason": reason, "created_by": by}
            )
            if not created:
                raise InvalidTransition(f"{day} is already cancelled")
            self.log_change(
                action=ChangeAction.CANCEL_SESSION,
                field="cancelled",
                before="",
                after=f"{day} {reason}".strip(),
                by=by,
            )
            self.save(update_fields=["updated_at"])  # calendar apps see LAST-MODIFIED change
        return cancellation

    def restore_session(self, cancellation: Cancellation, *, by: Any = None) -> None:
        with transaction.atomic():
            self.log_change(
                action=ChangeAction.RESTORE_SESSION,
                field="cancelled",
                before=f"{cancellation.day} {cancellation.reason}".strip(),
                after="",
                by=by,
            )
            cancellation.delete()
            self.save(update_fields=["updated_at"])

    # --- history ------------------------------------------------------------------------

    def log_change(self, *, action: str, field: str, before: Any, after: Any, by: Any) -> None:
        ListingChange.record(
            resource_type=HISTORY_TYPE,
            resource_id=self.pk,
            action=action,
            field=field,
            before=before,
            after=after,
            by=by,
        )

    def history(self) -> "models.QuerySet[ListingChange]":
        return ListingChange.for_resource(HISTORY_TYPE, self.pk)

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
        with translation.override(settings.LANGUAGE_CODE):  # the record is written in Japanese
            service.eligibility_description = join_list(term.name for term in self.audiences.all())
        service.area = Area.WARD
        service.ward = self.ward
        service.review_status = ReviewStatus.PUBLISHED
        service.status = SERVICE_STATUS_FOR.get(self.state, ServiceStatus.INACTIVE)
        service.closes_on_public_holidays = self.skips_holidays
        service.closes_over_new_year = self.skips_holidays
        service.source_name = str(
            _("%(organization)sが入力") % {"organization": self.organization.name}
        )
        service.source_date = timezone.localdate().isoformat()
        # The organiser's own word until staff have looked at it (decision 0024).
        service.confidence = Confidence.CONFIRMED if self.reviewed_at else Confidence.UNVERIFIED
        # Saving is not checking: assured_date stays as a person last set it (HSDS), so the
        # staff list of unverified listings sees gatherings too.
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
