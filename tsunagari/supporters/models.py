"""つながりサポーター: people who took the course and chose to register, and lecture events.

A supporter's name is personal data: only staff see it (and the person, on the
certificate they download right after registering).
"""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Ward


def ward_choices() -> list[tuple[str, str]]:
    return [(w.value, str(w.label)) for w in Ward.sakai_wards()]


class Supporter(models.Model):
    name = models.CharField(_("お名前"), max_length=100)
    ward = models.CharField(_("お住まいの区"), max_length=12, choices=ward_choices())
    registered_on = models.DateField(_("登録日"), default=timezone.localdate)
    number = models.CharField(_("修了証の番号"), max_length=20, unique=True, editable=False)

    class Meta:
        verbose_name = _("つながりサポーター")
        verbose_name_plural = _("つながりサポーター")
        ordering = ["-registered_on", "-pk"]

    def __str__(self) -> str:
        return self.number

    @classmethod
    def register(cls, *, name: str, ward: str) -> "Supporter":
        """Register with the next certificate number of the year (2026-0001, 2026-0002 …)."""
        today = timezone.localdate()
        with transaction.atomic():
            count = cls.objects.select_for_update().filter(registered_on__year=today.year).count()
            return cls.objects.create(
                name=name.strip(),
                ward=ward,
                registered_on=today,
                number=f"{today.year}-{count + 1:04d}",
            )


class LectureFormat(models.TextChoices):
    IN_PERSON = "in_person", _("対面")
    ONLINE = "online", _("オンライン")


class LectureQuerySet(models.QuerySet["Lecture"]):
    def upcoming(self) -> "LectureQuerySet":
        return self.filter(held_on__gte=timezone.localdate())


class Lecture(models.Model):
    """A supporter lecture (講座) that staff announce."""

    title = models.CharField(_("講座の名前"), max_length=200)
    format = models.CharField(_("形式"), max_length=10, choices=LectureFormat.choices)
    held_on = models.DateField(_("日にち"))
    starts_at = models.TimeField(_("開始時刻"))
    ends_at = models.TimeField(_("終了時刻"))
    ward = models.CharField(_("区"), max_length=12, choices=ward_choices(), blank=True)
    place = models.CharField(_("会場"), max_length=200, blank=True)
    how_to_join = models.TextField(_("申し込み・参加のしかた"), blank=True)

    objects = LectureQuerySet.as_manager()

    class Meta:
        verbose_name = _("サポーター講座")
        verbose_name_plural = _("サポーター講座")
        ordering = ["held_on", "starts_at"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"
