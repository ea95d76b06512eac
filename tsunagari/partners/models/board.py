"""Offers and requests (できること／してほしいこと), contact requests and partnerships."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import Organization
from tsunagari.partners.models.membership import need_labels, ward_labels


class PostingKind(models.TextChoices):
    VENUE = "venue", _("場所")
    VOLUNTEERS = "volunteers", _("人手・ボランティア")
    FOOD = "food", _("食べもの")
    EXPERTISE = "expertise", _("専門の知識")
    NEWSLETTER = "newsletter", _("広報・会報への掲載")
    OTHER = "other", _("その他")


class Posting(models.Model):
    """What an organisation can give or needs. Abstract: see Offer and Request."""

    organization = models.ForeignKey(Organization, verbose_name=_("団体"), on_delete=models.CASCADE)
    kind = models.CharField(_("種類"), max_length=12, choices=PostingKind.choices)
    title = models.CharField(_("ひとことで"), max_length=100)
    description = models.TextField(_("くわしく"), max_length=2000, blank=True)
    needs = models.JSONField(_("関係するお悩み"), default=list, blank=True)
    wards = models.JSONField(_("区"), default=list, blank=True)
    is_open = models.BooleanField(_("募集中"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def need_labels(self) -> list[str]:
        return need_labels(self.needs)

    def ward_labels(self) -> list[str]:
        return ward_labels(self.wards)

    def close(self) -> None:
        if not self.is_open:
            raise InvalidTransition("already closed")
        self.is_open = False
        self.save(update_fields=["is_open"])

    def reopen(self) -> None:
        if self.is_open:
            raise InvalidTransition("already open")
        self.is_open = True
        self.save(update_fields=["is_open"])


class Offer(Posting):
    """できること: something a member can give (a room, hands, food, know-how, space in a newsletter)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="offers"
    )

    class Meta(Posting.Meta):
        verbose_name = _("できること")
        verbose_name_plural = _("できること")


class Request(Posting):
    """してほしいこと: something a member needs from others."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="requests"
    )

    class Meta(Posting.Meta):
        verbose_name = _("してほしいこと")
        verbose_name_plural = _("してほしいこと")


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("返事待ち")
    ACCEPTED = "accepted", _("つながりました")
    DECLINED = "declined", _("今回は見送り")


class ContactRequest(models.Model):
    """One member asking another to get in touch, usually about an offer or a request."""

    from_organization = models.ForeignKey(
        Organization,
        verbose_name=_("送った団体"),
        on_delete=models.CASCADE,
        related_name="contacts_sent",
    )
    to_organization = models.ForeignKey(
        Organization,
        verbose_name=_("受けた団体"),
        on_delete=models.CASCADE,
        related_name="contacts_received",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("メッセージ"), max_length=2000)
    status = models.CharField(
        _("状態"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    created_at = models.DateTimeField(_("送った日時"), default=timezone.now)
    decided_at = models.DateTimeField(_("返事の日時"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("連絡のお願い")
        verbose_name_plural = _("連絡のお願い")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.from_organization} → {self.to_organization}"

    def accept(self, *, by: Any) -> "Partnership":
        if self.status != ContactStatus.PENDING:
            raise InvalidTransition(f"{self.status} → accepted")
        self.status = ContactStatus.ACCEPTED
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by"])
        return Partnership.record(
            self.from_organization, self.to_organization, contact_request=self
        )

    def decline(self, *, by: Any) -> None:
        if self.status != ContactStatus.PENDING:
            raise InvalidTransition(f"{self.status} → declined")
        self.status = ContactStatus.DECLINED
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by"])


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def involving(self, organization: Organization) -> "PartnershipQuerySet":
        return self.filter(Q(organization_a=organization) | Q(organization_b=organization))


class Partnership(models.Model):
    """Two members that work together. Stored once per pair (a's id sorts before b's)."""

    organization_a = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    organization_b = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    contact_request = models.ForeignKey(
        ContactRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("つながった日時"), default=timezone.now)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("連携")
        verbose_name_plural = _("連携")
        constraints = [
            models.UniqueConstraint(
                fields=["organization_a", "organization_b"], name="unique_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_a} ⇔ {self.organization_b}"

    @classmethod
    def record(
        cls,
        one: Organization,
        other: Organization,
        *,
        contact_request: ContactRequest | None = None,
    ) -> "Partnership":
        a, b = sorted([one, other], key=lambda org: str(org.pk))
        partnership, _created = cls.objects.get_or_create(
            organization_a=a, organization_b=b, defaults={"contact_request": contact_request}
        )
        return partnership

    def other(self, organization: Organization) -> Organization:
        return (
            self.organization_b
            if self.organization_a_id == organization.pk
            else self.organization_a
        )
