"""Choices every directory record shares, and where a record's facts came from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ward(models.TextChoices):
    SAKAI = "sakai", _("堺区")
    NAKA = "naka", _("中区")
    HIGASHI = "higashi", _("東区")
    NISHI = "nishi", _("西区")
    MINAMI = "minami", _("南区")
    KITA = "kita", _("北区")
    MIHARA = "mihara", _("美原区")
    OUTSIDE = "outside", _("市外")
    NATIONWIDE = "nationwide", _("全国")

    @classmethod
    def sakai_wards(cls) -> list["Ward"]:
        return [w for w in cls if w not in (cls.OUTSIDE, cls.NATIONWIDE)]


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("運営者または行政のページで確認")
    SECONDARY = "secondary", _("第三者のページで確認")
    UNVERIFIED = "unverified", _("確認中")


class Provenance(models.Model):
    """Where a record's facts came from. Abstract: every directory record has it."""

    source_name = models.CharField(_("出典"), max_length=300, blank=True)
    source_url = models.CharField(_("出典のアドレス"), max_length=500, blank=True)
    source_date = models.CharField(
        _("出典の日付"),
        max_length=40,
        blank=True,
        help_text=_("出典に書かれた日付。年だけのこともあります。"),
    )
    confidence = models.CharField(
        _("確かさ"), max_length=12, choices=Confidence.choices, default=Confidence.UNVERIFIED
    )
    needs_reverification = models.BooleanField(_("再確認が必要"), default=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True
