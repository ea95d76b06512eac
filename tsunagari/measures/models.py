"""The map of the city's measures (施策・事業) against the national priority plan.

The plan has four basic policies (:class:`PlanPillar`), each with sub-items
(:class:`PlanItem`) under which the plan names national measures
(:class:`NationalMeasure`). A city :class:`Measure` is mapped to the sub-items
it serves, optionally naming the national measure. Plan text is entered only
from a source; what is not yet known stays blank and is shown as such.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Service, Ward


class TargetGroup(models.TextChoices):
    ELDERLY = "elderly", _("高齢者")
    DISABILITY = "disability", _("障害のある人")
    POVERTY = "poverty", _("生活に困っている人")
    HIKIKOMORI = "hikikomori", _("ひきこもり")
    CHILDREN = "children", _("こども・若者")


# The directory's need code that finds services for each target group.
NEED_FOR_GROUP = {
    TargetGroup.ELDERLY: "elderly",
    TargetGroup.DISABILITY: "disability",
    TargetGroup.POVERTY: "money",
    TargetGroup.HIKIKOMORI: "hikikomori",
    TargetGroup.CHILDREN: "child",
}


class PlanPillar(models.Model):
    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    title = models.CharField(_("基本方針の名前"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("重点計画の柱")
        verbose_name_plural = _("重点計画の柱")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"({self.number}) {self.title}"


class PlanItem(models.Model):
    pillar = models.ForeignKey(PlanPillar, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("番号"))
    title = models.CharField(_("小項目の名前"), max_length=300)

    class Meta:
        verbose_name = _("重点計画の小項目")
        verbose_name_plural = _("重点計画の小項目")
        ordering = ["pillar__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "number"], name="unique_plan_item_number")
        ]

    def __str__(self) -> str:
        return f"({self.pillar.number}) {self.circled} {self.title}"

    @property
    def circled(self) -> str:
        return chr(0x2460 + self.number - 1) if 1 <= self.number <= 20 else str(self.number)


class NationalMeasure(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="national_measures")
    title = models.CharField(_("国の施策"), max_length=300)

    class Meta:
        verbose_name = _("国の施策")
        verbose_name_plural = _("国の施策")
        ordering = ["item", "title"]
        constraints = [
            models.UniqueConstraint(fields=["item", "title"], name="unique_national_measure")
        ]

    def __str__(self) -> str:
        return self.title


class MeasureQuerySet(models.QuerySet["Measure"]):
    def for_group(self, group: str) -> "MeasureQuerySet":
        # Lists are stored as JSON; filtering in Python keeps SQLite and PostgreSQL alike.
        ids = [m.pk for m in self if group in m.target_groups]
        return self.filter(pk__in=ids)


class Measure(models.Model):
    name = models.CharField(_("事業の名前"), max_length=300, unique=True)
    department = models.CharField(_("担当の部署"), max_length=200, blank=True)
    description = models.TextField(_("内容"), blank=True)
    target_groups = models.JSONField(_("対象"), default=list, blank=True)
    need_codes = models.JSONField(_("お悩みのコード"), default=list, blank=True)
    wards = models.JSONField(
        _("区"), default=list, blank=True, help_text=_("空のときは市全域の事業です。")
    )
    budget_year = models.PositiveSmallIntegerField(_("予算年度"), null=True, blank=True)
    services = models.ManyToManyField(
        Service, verbose_name=_("相談先"), blank=True, related_name="measures"
    )
    source = models.CharField(_("出典"), max_length=300, blank=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("施策・事業")
        verbose_name_plural = _("施策・事業")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("measures:detail", args=[self.pk])

    def serves_ward(self, ward: str) -> bool:
        return not self.wards or ward in self.wards

    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels[g]) for g in self.target_groups if g in labels]

    def ward_labels(self) -> list[str]:
        labels = dict(Ward.choices)
        return [str(labels[w]) for w in self.wards if w in labels]


class Mapping(models.Model):
    """A measure serves a plan sub-item, through a named national measure or none."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="mappings")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="mappings")
    national_measure = models.ForeignKey(
        NationalMeasure, on_delete=models.SET_NULL, null=True, blank=True, related_name="mappings"
    )

    class Meta:
        verbose_name = _("計画とのつながり")
        verbose_name_plural = _("計画とのつながり")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "item", "national_measure"], name="unique_measure_mapping"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} → {self.item}"
