"""What people could not find — counted anonymously.

Only counters: a week, a need code, a ward and whether any service matched.
No text, no IP address, no session, no time finer than the week, so nothing
here can be traced back to a person.
"""

from datetime import date, timedelta

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Ward

UNKNOWN_NEED = ""  # nothing understood


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


class NeedTallyQuerySet(models.QuerySet["NeedTally"]):
    def unmet(self) -> "NeedTallyQuerySet":
        return self.filter(matched=False)


class NeedTally(models.Model):
    week = models.DateField(_("週（月曜日）"))
    need_code = models.CharField(_("お悩みのコード"), max_length=50, blank=True)
    ward = models.CharField(_("区"), max_length=12, choices=Ward.choices, blank=True)
    matched = models.BooleanField(_("相談先が見つかった"))
    count = models.PositiveIntegerField(_("回数"), default=0)

    objects = NeedTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("お悩みの集計")
        verbose_name_plural = _("お悩みの集計")
        ordering = ["-week", "need_code", "ward"]
        constraints = [
            models.UniqueConstraint(
                fields=["week", "need_code", "ward", "matched"], name="unique_need_tally"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.week} {self.need_code or '?'} {self.ward or '-'} {self.matched}: {self.count}"
        )

    @classmethod
    def record(cls, *, needs: dict[str, bool], ward: str, day: date | None = None) -> None:
        """Count one answer: each need code understood and whether a service matched it."""
        week = week_of(day or timezone.localdate())
        ward = ward if ward in Ward.values else ""
        items = needs or {UNKNOWN_NEED: False}
        with transaction.atomic():
            for code, matched in list(items.items())[:4]:
                updated = cls.objects.filter(
                    week=week, need_code=code, ward=ward, matched=matched
                ).update(count=F("count") + 1)
                if not updated:
                    _, created = cls.objects.get_or_create(
                        week=week, need_code=code, ward=ward, matched=matched, defaults={"count": 1}
                    )
                    if not created:
                        cls.objects.filter(
                            week=week, need_code=code, ward=ward, matched=matched
                        ).update(count=F("count") + 1)
