"""One meeting of a gathering, and a meeting that will not take place."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from tsunagari.gatherings.models.gathering import Gathering


@dataclass(frozen=True)
class Session:
    """One meeting on the calendar; a cancelled one stays listed, marked as cancelled."""

    starts_at: datetime
    gathering: "Gathering"
    cancelled: bool = False
    reason: str = ""


class Cancellation(models.Model):
    """One meeting that will not take place (rain, illness). The rest of the series is unchanged."""

    gathering = models.ForeignKey(
        "gatherings.Gathering",
        verbose_name=_("つどい"),
        on_delete=models.CASCADE,
        related_name="cancellations",
    )
    day = models.DateField(_("中止する日"))
    reason = models.CharField(_("中止の理由"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("中止する回")
        verbose_name_plural = _("中止する回")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["gathering", "day"], name="one_cancellation_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.gathering} {self.day}"
