"""Who runs services (HSDS organization)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models.base import Provenance
from tsunagari.directory.municipalities import validate_code


class Organization(Provenance):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("団体名"), max_length=200)
    alternate_name = models.CharField(_("別名"), max_length=200, blank=True)
    description = models.TextField(_("団体の紹介"), blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    legal_status = models.CharField(_("法人格"), max_length=100, blank=True)
    parent_organization = models.ForeignKey(
        "self", verbose_name=_("上部団体"), null=True, blank=True, on_delete=models.SET_NULL
    )
    municipality = models.CharField(
        _("自治体コード"),
        max_length=6,
        blank=True,
        db_index=True,
        validators=[validate_code],
        help_text=_("全国地方公共団体コード（例: 堺市は271403）。全国の団体は空のままにします。"),
    )
    is_demo = models.BooleanField(
        _("デモ用"),
        default=False,
        help_text=_("説明用の架空の団体。`remove_demo` でまとめて消せます。"),
    )

    class Meta:
        verbose_name = _("団体")
        verbose_name_plural = _("団体")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
