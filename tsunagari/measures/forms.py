from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Service
from tsunagari.directory.needs import NEEDS
from tsunagari.measures.coverage import sakai_wards
from tsunagari.measures.models import Mapping, Measure, NationalMeasure, PlanItem, TargetGroup


class MeasureForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("対象"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    need_codes = forms.MultipleChoiceField(
        label=_("お悩みのコード"),
        choices=[(n.code, n.label) for n in NEEDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    wards = forms.MultipleChoiceField(
        label=_("区（市全域のときは選ばない）"),
        choices=sakai_wards,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    items = forms.ModelMultipleChoiceField(
        label=_("役立っている重点計画の小項目"),
        queryset=PlanItem.objects.select_related("pillar"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    national_measures = forms.ModelMultipleChoiceField(
        label=_("あてはまる国の施策"),
        queryset=NationalMeasure.objects.select_related("item__pillar"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    services = forms.ModelMultipleChoiceField(
        label=_("つながる相談先"),
        queryset=Service.objects.public().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Measure
        fields = [
            "name",
            "department",
            "description",
            "target_groups",
            "need_codes",
            "wards",
            "budget_year",
            "services",
            "source",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            mappings = list(self.instance.mappings.all())
            self.initial["items"] = [m.item_id for m in mappings]
            self.initial["national_measures"] = [
                m.national_measure_id for m in mappings if m.national_measure_id
            ]

    def save(self, commit: bool = True) -> Measure:
        with transaction.atomic():
            measure = super().save(commit=True)
            national = list(self.cleaned_data["national_measures"])
            items = set(self.cleaned_data["items"]) - {n.item for n in national}
            measure.mappings.all().delete()
            Mapping.objects.bulk_create(
                [Mapping(measure=measure, item=n.item, national_measure=n) for n in national]
                + [Mapping(measure=measure, item=i) for i in items]
            )
        return measure


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["pillar", "number", "title"]
