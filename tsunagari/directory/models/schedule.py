"""When a service can be reached (HSDS schedule). See ``directory/hours.py``."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models.location import Location, ServiceAtLocation
from tsunagari.directory.models.service import Service


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("毎週")
    MONTHLY = "MONTHLY", _("毎月")


class Schedule(models.Model):
    """When a service can be reached (HSDS schedule, RFC 5545 style rules).

    A row with ``is_closure`` set says the service is *closed* on the matching
    days between ``valid_from`` and ``valid_to`` (a holiday row). ``closes_at``
    at or before ``opens_at`` means the period runs past midnight; 00:00–00:00
    means all day.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(_("適用開始日"), null=True, blank=True)
    valid_to = models.DateField(_("適用終了日"), null=True, blank=True)
    freq = models.CharField(
        _("くり返し"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    interval = models.PositiveSmallIntegerField(_("間隔"), default=1)
    byday = models.CharField(
        _("曜日"),
        max_length=60,
        blank=True,
        help_text=_("例: MO,TU,WE,TH,FR。毎月の第2土曜は 2SA。"),
    )
    bymonthday = models.CharField(
        _("日付"), max_length=60, blank=True, help_text=_("毎月の日付。例: 10")
    )
    opens_at = models.TimeField(_("開始時刻"), null=True, blank=True)
    closes_at = models.TimeField(_("終了時刻"), null=True, blank=True)
    is_closure = models.BooleanField(_("休みの日の行"), default=False)
    description = models.TextField(_("説明"), blank=True)
    notes = models.TextField(_("備考"), blank=True)

    class Meta:
        verbose_name = _("受付時間")
        verbose_name_plural = _("受付時間")

    def __str__(self) -> str:
        return (
            self.description
            or f"{self.freq} {self.byday}{self.bymonthday} {self.opens_at}-{self.closes_at}"
        )
