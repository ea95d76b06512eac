"""How to reach a service (HSDS contact, phone, language)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models.base import Provenance
from tsunagari.directory.models.location import Location
from tsunagari.directory.models.organization import Organization
from tsunagari.directory.models.service import Service


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("名前"), max_length=200, blank=True)
    title = models.CharField(_("役職"), max_length=200, blank=True)
    department = models.CharField(_("部署"), max_length=200, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)

    class Meta:
        verbose_name = _("担当者")
        verbose_name_plural = _("担当者")

    def __str__(self) -> str:
        return self.name or self.department


class PhoneType(models.TextChoices):
    VOICE = "voice", _("電話")
    FAX = "fax", _("ファクス")
    TEXT = "text", _("ショートメッセージ")
    TEXTPHONE = "textphone", _("文字電話")
    VIDEO = "video", _("ビデオ通話")


class Phone(Provenance):
    """A number a person can call. Only ever from a sourced file: never typed from memory."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("番号"), max_length=40)
    extension = models.CharField(_("内線"), max_length=20, blank=True)
    type = models.CharField(
        _("種類"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.TextField(_("説明"), blank=True)

    class Meta:
        verbose_name = _("電話番号")
        verbose_name_plural = _("電話番号")

    def __str__(self) -> str:
        return self.number


class Language(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(_("言語"), max_length=100)
    code = models.CharField(_("言語コード"), max_length=10, blank=True)
    note = models.TextField(_("備考"), blank=True)

    class Meta:
        verbose_name = _("対応言語")
        verbose_name_plural = _("対応言語")

    def __str__(self) -> str:
        return self.name
