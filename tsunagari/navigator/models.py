"""What people could not find — counted anonymously.

Only counters: a week, a need code, a ward and whether any service matched.
No text, no IP address, no session, no time finer than the week, so nothing
here can be traced back to a person.
"""

from datetime import date, timedelta

from django.db import models, transaction
from django.db.models import F
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
    def add(cls, *, week: date, need_code: str, ward: str, matched: bool, count: int = 1) -> None:
        """Add ``count`` to one counter, creating it when it is the first of its week."""
        ward = ward if ward in Ward.values else ""
        with transaction.atomic():
            updated = cls.objects.filter(
                week=week, need_code=need_code, ward=ward, matched=matched
            ).update(count=F("count") + count)
            if not updated:
                _, created = cls.objects.get_or_create(
                    week=week,
                    need_code=need_code,
                    ward=ward,
                    matched=matched,
                    defaults={"count": count},
                )
                if not created:
                    cls.objects.filter(
                        week=week, need_code=need_code, ward=ward, matched=matched
                    ).update(count=F("count") + count)


class IndexChange(models.Model):
    """One line of the directory's change log, read by every worker's navigator index.

    A row names a listing whose public facts may have changed (its terms, hours, phones,
    languages, or the listing itself); a row with no listing means "reload everything".
    Workers apply the rows newer than the last they applied instead of rebuilding
    (tsunagari/navigator/index.py, decision 0030). Old rows are pruned after a day.
    """

    service_id = models.UUIDField(_("相談先"), null=True, blank=True)
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("相談先の変更の記録")
        verbose_name_plural = _("相談先の変更の記録")

    def __str__(self) -> str:
        return f"{self.pk}: {self.service_id or '*'}"
