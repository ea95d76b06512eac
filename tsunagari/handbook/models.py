"""What the printed material leads to, counted anonymously, and the May campaign switch.

:class:`ArrivalTally` holds only a week and a campaign tag (``poster-library``): no
time finer than the week, no address, no session — how many people arrived from
posters by venue kind, never who.
"""

from datetime import date

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class ArrivalTally(models.Model):
    week = models.DateField(_("週（月曜日）"))
    tag = models.CharField(_("キャンペーンのタグ"), max_length=40)
    count = models.PositiveIntegerField(_("回数"), default=0)

    class Meta:
        verbose_name = _("ポスターからの来訪の集計")
        verbose_name_plural = _("ポスターからの来訪の集計")
        ordering = ["-week", "tag"]
        constraints = [models.UniqueConstraint(fields=["week", "tag"], name="unique_arrival_tally")]

    def __str__(self) -> str:
        return f"{self.week} {self.tag}: {self.count}"

    @classmethod
    def add(cls, *, week: date, tag: str, count: int = 1) -> None:
        with transaction.atomic():
            updated = cls.objects.filter(week=week, tag=tag).update(count=F("count") + count)
            if not updated:
                _, created = cls.objects.get_or_create(
                    week=week, tag=tag, defaults={"count": count}
                )
                if not created:
                    cls.objects.filter(week=week, tag=tag).update(count=F("count") + count)


class Campaign(models.Model):
    """A campaign page staff switch on and off (the May 孤独・孤立対策強化月間)."""

    class Code(models.TextChoices):
        MAY = "may", _("孤独・孤立対策強化月間（5月）")

    code = models.CharField(_("キャンペーン"), max_length=20, choices=Code.choices, unique=True)
    is_on = models.BooleanField(
        _("公開する"),
        default=False,
        help_text=_("オンにすると、キャンペーンのページが公開されます。"),
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("キャンペーン")
        verbose_name_plural = _("キャンペーン")

    def __str__(self) -> str:
        return str(self.get_code_display())

    @classmethod
    def is_running(cls, code: str) -> bool:
        return cls.objects.filter(code=code, is_on=True).exists()

    def switch(self, *, on: bool) -> None:
        self.is_on = on
        self.save(update_fields=["is_on", "updated_at"])
