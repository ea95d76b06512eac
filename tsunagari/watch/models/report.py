"""A concern reported by a business, routed to a 地域包括支援センター, and what the centre did.

The place and the details are encrypted (the ``sensitive`` app); everything else is what a
centre, the secretariat and the figures need without reading them: the kind, the ward, the
町名 the area table matched, the times and the outcome.
"""

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.council.models import CaseSource
from tsunagari.council.services import CaseDetails
from tsunagari.directory.models import Organization, Ward
from tsunagari.sensitive.fields import EncryptedTextField
from tsunagari.sensitive.models import SensitiveModel
from tsunagari.watch.models.business import WatchBusiness
from tsunagari.watch.tables import concern_label

REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"  # no 0/O, 1/I, 2/Z, 5/S, 6/G, 8/B


def new_reference() -> str:
    return "M-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("届いた（センターの確認待ち）")
    ACKNOWLEDGED = "acknowledged", _("センターが受けて対応中")
    CLOSED = "closed", _("対応を終えた")


class Outcome(models.TextChoices):
    SAFE = "safe", _("無事を確かめた")
    SUPPORT = "support", _("支援につないだ")
    EMERGENCY = "emergency", _("救急・警察が対応した")
    WATCHING = "watching", _("見守りを続ける")
    NOT_REACHED = "not_reached", _("本人を確かめられなかった")
    NO_CONCERN = "no_concern", _("心配はなかった")
    OTHER = "other", _("その他")


class Routing(models.TextChoices):
    AREA = "area", _("振り分け表の町名から")
    WARD = "ward", _("区の基幹型センター（振り分け表にない場所）")
    STAFF = "staff", _("事務局が取り次ぐ（センターがつながりにいない）")


class Report(SensitiveModel):
    # A centre can take a report to the regional council (council.services.case_open_from).
    council_source_kind: str = CaseSource.WATCH

    reference = models.CharField(
        _("受付番号"), max_length=12, unique=True, default=new_reference, editable=False
    )
    business = models.ForeignKey(
        WatchBusiness,
        verbose_name=_("見守り協力事業所"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    idempotency_key = models.UUIDField(editable=False)
    kind = models.CharField(_("気づいたこと"), max_length=20)
    place = EncryptedTextField(_("場所（住所・目印）"))
    details = EncryptedTextField(_("くわしい様子"), blank=True)
    noticed_on = models.DateField(_("気づいた日"))
    immediate_danger = models.BooleanField(_("命の危険がある"))
    ward = models.CharField(
        _("区"), max_length=12, choices=[(w.value, w.label) for w in Ward.sakai_wards()]
    )
    town = models.CharField(_("振り分けた町名"), max_length=50, blank=True)
    routing = models.CharField(_("振り分け方"), max_length=8, choices=Routing.choices)
    first_centre = models.ForeignKey(
        Organization,
        verbose_name=_("最初に振り分けたセンター"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    centre = models.ForeignKey(
        Organization,
        verbose_name=_("担当のセンター"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="watch_reports",
    )
    kikan = models.ForeignKey(
        Organization,
        verbose_name=_("区の基幹型センター"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状態"), max_length=14, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("届いた日時"), default=timezone.now)
    ack_due_at = models.DateTimeField(_("確認の期限"))
    acknowledged_at = models.DateTimeField(_("センターが受けた日時"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_at = models.DateTimeField(_("期限切れを知らせた日時"), null=True, blank=True)
    transfer_count = models.PositiveSmallIntegerField(_("ほかのセンターへ回した回数"), default=0)
    closed_at = models.DateTimeField(_("対応を終えた日時"), null=True, blank=True)
    outcome = models.CharField(_("結果"), max_length=12, choices=Outcome.choices, blank=True)
    council_at = models.DateTimeField(_("協議会のケースにした日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("見守りの報告")
        verbose_name_plural = _("見守りの報告")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "idempotency_key"], name="watch_report_once_per_tap"
            )
        ]
        indexes = [models.Index(fields=["status", "ack_due_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def kind_label(self) -> str:
        return concern_label(self.kind)

    @property
    def is_overdue(self) -> bool:
        return self.status == ReportStatus.RECEIVED and self.ack_due_at <= timezone.now()

    def acknowledge(self, *, by: Any, at: datetime) -> None:
        if self.status != ReportStatus.RECEIVED:
            raise InvalidTransition(f"{self.status} → acknowledged")
        self.status = ReportStatus.ACKNOWLEDGED
        self.acknowledged_at = at
        self.acknowledged_by = by
        self.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])

    def transfer(self, *, to: Organization, due: datetime) -> None:
        """To the centre that really covers the place: it must acknowledge anew, by ``due``."""
        if self.status == ReportStatus.CLOSED:
            raise InvalidTransition("closed → transferred")
        if to == self.centre:
            raise InvalidTransition("transfer to the same centre")
        self.centre = to
        self.status = ReportStatus.RECEIVED
        self.acknowledged_at = None
        self.acknowledged_by = None
        self.ack_due_at = due
        self.transfer_count += 1
        self.save(
            update_fields=[
                "centre",
                "status",
                "acknowledged_at",
                "acknowledged_by",
                "ack_due_at",
                "transfer_count",
            ]
        )

    def mark_escalated(self, *, at: datetime) -> None:
        if self.status != ReportStatus.RECEIVED or self.escalated_at is not None:
            raise InvalidTransition(f"{self.status} → escalated")
        self.escalated_at = at
        self.save(update_fields=["escalated_at"])

    def close(self, *, outcome: str, at: datetime) -> None:
        if self.status != ReportStatus.ACKNOWLEDGED:
            raise InvalidTransition(f"{self.status} → closed")
        if outcome not in Outcome.values:
            raise ValueError(f"unknown outcome {outcome!r}")
        self.status = ReportStatus.CLOSED
        self.outcome = outcome
        self.closed_at = at
        self.save(update_fields=["status", "outcome", "closed_at"])

    @property
    def can_go_to_council(self) -> bool:
        return self.status == ReportStatus.ACKNOWLEDGED and self.council_at is None

    def escalate_to_council(self, *, at: datetime) -> None:
        """A centre that has taken the report asks the regional council to discuss it (once).

        The report stays the centre's to handle and close; the council case only keeps a
        reference to it (docs/decisions/0026)."""
        if not self.can_go_to_council:
            raise InvalidTransition(f"{self.status} → council")
        self.council_at = at
        self.save(update_fields=["council_at"])

    def council_case_details(self, *, reader: Any) -> CaseDetails:
        """What the council case starts from; reading it leaves the report's access record."""
        shown = self.reveal_many(
            ["place", "details"], reader=reader, purpose=str(_("協議会への引き継ぎ"))
        )
        facts = _(
            "見守りの報告 %(reference)s（%(date)s）。気づいたこと: %(kind)s。場所: %(place)s。"
        ) % {
            "reference": self.reference,
            "date": f"{self.noticed_on:%Y-%m-%d}",
            "kind": self.kind_label,
            "place": shown["place"],
        }
        situation = "\n".join(line for line in (str(facts), shown["details"]) if line)
        # The report does not know the person's name: the council starts from the place.
        name = _("名前はまだわからない（%(place)s の方）") % {"place": shown["place"]}
        return CaseDetails(person_name=str(name), situation=situation)

    @classmethod
    def expired(cls, now: datetime) -> QuerySet["Report"]:
        """Finished reports past the retention period (``WATCH_RETENTION_DAYS``)."""
        limit = now - timedelta(days=settings.WATCH_RETENTION_DAYS)
        return cls.objects.filter(status=ReportStatus.CLOSED, closed_at__lt=limit).exclude(
            place="", details=""
        )


class ActionKind(models.TextChoices):
    RECEIVED = "received", _("届いた")
    ACKNOWLEDGED = "acknowledged", _("センターが受けた")
    NOTE = "note", _("対応を記録した")
    TRANSFERRED = "transferred", _("ほかのセンターへ回した")
    ESCALATED = "escalated", _("期限までに確認がなく、基幹型センターと事務局に知らせた")
    COUNCIL = "council", _("地域協議会のケースにした")
    CLOSED = "closed", _("対応を終えた")


class ReportAction(SensitiveModel):
    """One step in a report's history: who did what, when (a note is encrypted)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("したこと"), max_length=14, choices=ActionKind.choices)
    at = models.DateTimeField(_("日時"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    centre = models.ForeignKey(
        Organization,
        verbose_name=_("その時の担当センター"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = EncryptedTextField(_("記録"), blank=True)

    class Meta:
        verbose_name = _("見守りの報告の記録")
        verbose_name_plural = _("見守りの報告の記録")
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.report} {self.get_kind_display()}"

    @classmethod
    def expired(cls, now: datetime) -> QuerySet["ReportAction"]:
        limit = now - timedelta(days=settings.WATCH_RETENTION_DAYS)
        return cls.objects.filter(
            report__status=ReportStatus.CLOSED, report__closed_at__lt=limit
        ).exclude(note="")
