from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    """Which reads and changes to list: a period, optionally one record or one reader."""

    start = forms.DateField(label=_("いつから"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("いつまで"), widget=forms.DateInput(attrs={"type": "date"}))
    object_id = forms.CharField(label=_("記録のID（任意）"), required=False, max_length=64)

    @classmethod
    def last_month(cls) -> dict[str, date]:
        today = timezone.localdate()
        return {"start": today - timedelta(days=30), "end": today}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("「いつから」は「いつまで」より前の日にしてください。"))
        if start and end and (end - start).days > 366:
            raise forms.ValidationError(_("一度に調べられるのは1年までです。"))
        return data
