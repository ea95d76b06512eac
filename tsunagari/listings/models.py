"""Listings kept by their owners: field-level history and the yearly confirmation.

The listing itself is a directory :class:`~tsunagari.directory.models.Service`;
this app records who changed what (shaped as HSDS ``metadata``) and asks each
owner once a year whether their listing is still right.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Service

# An owner is asked after 12 months; three months after that the public page warns.
CONFIRM_AFTER_MONTHS = 12
ASK_AGAIN_AFTER_DAYS = 30


def who(user: Any) -> str:
    """How a person appears in a history: their e-mail, else their user name."""
    return str(getattr(user, "email", "") or getattr(user, "username", "") or user)


class ChangeAction(models.TextChoices):
    CREATE = "create", _("登録")
    UPDATE = "update", _("変更")
    APPROVE = "approve", _("公開を承認")
    SEND_BACK = "send_back", _("差し戻し")
    RESUBMIT = "resubmit", _("再提出")
    CONFIRM = "confirm", _("内容を確認")
    # A gathering's lifecycle (its history is kept here too, as resource_type "gathering").
    PUBLISH = "publish", _("公開")
    SUBMIT = "submit", _("公開の確認を依頼")
    WITHDRAW = "withdraw", _("公開をやめた")
    PAUSE = "pause", _("お休みにした")
    END = "end", _("終了にした")
    DELETE = "delete", _("削除")
    CANCEL_SESSION = "cancel", _("回の中止")
    RESTORE_SESSION = "uncancel", _("中止の取り消し")


class ListingChange(models.Model):
    """One changed field of one record (HSDS ``metadata``), written in the edit's transaction."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource_id = models.UUIDField(_("対象のID"), db_index=True)
    resource_type = models.CharField(_("対象の種類"), max_length=30, default="service")
    last_action_date = models.DateTimeField(_("日時"), default=timezone.now)
    last_action_type = models.CharField(_("操作"), max_length=12, choices=ChangeAction.choices)
    field_name = models.CharField(_("項目"), max_length=60)
    previous_value = models.TextField(_("変更前"), blank=True)
    replacement_value = models.TextField(_("変更後"), blank=True)
    updated_by = models.CharField(_("変更した人"), max_length=254)
    updated_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("変更の記録")
        verbose_name_plural = _("変更の記録")
        ordering = ["-last_action_date", "field_name"]

    def __str__(self) -> str:
        return f"{self.resource_type}:{self.resource_id} {self.field_name}"

    @classmethod
    def for_service(cls, service: Service) -> "models.QuerySet[ListingChange]":
        return cls.for_resource("service", service.pk)

    @classmethod
    def for_resource(cls, resource_type: str, resource_id: Any) -> "models.QuerySet[ListingChange]":
        return cls.objects.filter(resource_type=resource_type, resource_id=resource_id)

    @classmethod
    def record(
        cls,
        *,
        resource_type: str,
        resource_id: Any,
        action: str,
        field: str,
        before: Any,
        after: Any,
        by: Any = None,
        by_email: str = "",
    ) -> "ListingChange":
        """Write one changed field; call it inside the transaction of the change."""
        return cls.objects.create(
            resource_id=resource_id,
            resource_type=resource_type,
            last_action_type=action,
            field_name=field,
            previous_value="" if before is None else str(before),
            replacement_value="" if after is None else str(after),
            updated_by=by_email or (who(by) if by is not None else ""),
            updated_by_user=by if getattr(by, "pk", None) else None,
        )


class ConfirmationRequest(models.Model):
    """The yearly 「この内容で正しいですか」 mail to a listing's owner."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="confirmation_requests"
    )
    sent_to = models.TextField(_("宛先"))
    sent_at = models.DateTimeField(_("送った日時"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("確認された日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("確認のお願い")
        verbose_name_plural = _("確認のお願い")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.service} {self.sent_at:%Y-%m-%d}"
