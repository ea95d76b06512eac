"""見守り協力事業所: a business that agreed to notice when an older neighbour seems in trouble."""

import hashlib
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Ward
from tsunagari.watch.tables import business_kind_label


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_report_token() -> str:
    return secrets.token_urlsafe(24)


class BusinessStatus(models.TextChoices):
    APPLIED = "applied", _("申し込み中")
    APPROVED = "approved", _("協力中")
    DECLINED = "declined", _("見送り")
    SUSPENDED = "suspended", _("休止中")
    WITHDRAWN = "withdrawn", _("登録をやめた")


class WatchBusiness(models.Model):
    """A registered 見守り協力事業所. Its QR card carries ``report_token``; the card page itself is
    reached with a separate link mailed to the contact person (only its hash is kept)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("事業所名"), max_length=200)
    kind = models.CharField(_("業種"), max_length=20)
    ward = models.CharField(
        _("区"), max_length=12, choices=[(w.value, w.label) for w in Ward.sakai_wards()]
    )
    contact_name = models.CharField(_("担当者の名前"), max_length=100)
    contact_email = models.EmailField(_("担当者のメールアドレス"))
    contact_phone = models.CharField(_("担当者の電話番号"), max_length=20, blank=True)
    status = models.CharField(
        _("登録の状態"),
        max_length=12,
        choices=BusinessStatus.choices,
        default=BusinessStatus.APPLIED,
    )
    applied_at = models.DateTimeField(_("申し込み日時"), default=timezone.now)
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("決定した人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_token = models.CharField(max_length=64, unique=True, default=new_report_token)
    card_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    is_demo = models.BooleanField(_("デモ用"), default=False)

    class Meta:
        verbose_name = _("見守り協力事業所")
        verbose_name_plural = _("見守り協力事業所")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return business_kind_label(self.kind)

    @property
    def can_report(self) -> bool:
        return self.status == BusinessStatus.APPROVED

    def _move(self, allowed_from: set[str], to: str, by: Any) -> None:
        if self.status not in allowed_from:
            raise InvalidTransition(f"{self.status} → {to}")
        self.status = to
        self.decided_at = timezone.now()
        self.decided_by = by if getattr(by, "is_authenticated", False) else None
        self.save(update_fields=["status", "decided_at", "decided_by"])

    def approve(self, *, by: Any) -> None:
        self._move({BusinessStatus.APPLIED}, BusinessStatus.APPROVED, by)

    def decline(self, *, by: Any) -> None:
        self._move({BusinessStatus.APPLIED}, BusinessStatus.DECLINED, by)

    def suspend(self, *, by: Any) -> None:
        """The QR card stops working (a lost card, a closed shop) until resumed."""
        self._move({BusinessStatus.APPROVED}, BusinessStatus.SUSPENDED, by)

    def resume(self, *, by: Any) -> None:
        self._move({BusinessStatus.SUSPENDED}, BusinessStatus.APPROVED, by)

    def withdraw(self, *, by: Any) -> None:
        self._move(
            {BusinessStatus.APPLIED, BusinessStatus.APPROVED, BusinessStatus.SUSPENDED},
            BusinessStatus.WITHDRAWN,
            by,
        )

    def renew_report_token(self) -> None:
        """A new QR code; cards printed before stop working (a card was lost or copied)."""
        self.report_token = new_report_token()
        self.save(update_fields=["report_token"])

    def issue_card_token(self) -> str:
        """A fresh link to the card page for the contact person; earlier links stop working."""
        token = secrets.token_urlsafe(32)
        self.card_token_hash = _hash(token)
        self.save(update_fields=["card_token_hash"])
        return token

    @classmethod
    def by_card_token(cls, token: str) -> "WatchBusiness | None":
        if not token:
            return None
        return cls.objects.filter(
            card_token_hash=_hash(token),
            status__in=[BusinessStatus.APPROVED, BusinessStatus.SUSPENDED],
        ).first()

    @classmethod
    def by_report_token(cls, token: str) -> "WatchBusiness | None":
        return cls.objects.filter(report_token=token, status=BusinessStatus.APPROVED).first()
