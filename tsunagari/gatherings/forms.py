from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core.validators import one_line
from tsunagari.directory.models import TaxonomyTerm, Ward
from tsunagari.directory.needs import AUDIENCES
from tsunagari.gatherings.models import Gathering, GatheringKind, Joining, Recurrence

# Long ranges would expand thousands of occurrences; a quarter is plenty for a calendar page.
MAX_RANGE_DAYS = 92
DEFAULT_RANGE_DAYS = 31
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


class GatheringForm(forms.ModelForm):
    """What a member may set. Organisation, state and the mirror Service are never form fields."""

    audiences = forms.ModelMultipleChoiceField(
        label=_("対象"),
        queryset=TaxonomyTerm.objects.filter(taxonomy="audience"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Gathering
        fields = [
            "title",
            "kind",
            "description",
            "recurrence",
            "weekday",
            "week_of_month",
            "day_of_month",
            "starts_on",
            "until",
            "start_time",
            "end_time",
            "ward",
            "place_name",
            "address_text",
            "audiences",
            "cost",
            "accessibility",
            "newcomers_welcome_alone",
            "joining",
            "how_to_book",
            "what_to_bring",
            "skips_holidays",
        ]
        widgets = {
            "joining": forms.RadioSelect,
            "how_to_book": forms.Textarea(attrs={"rows": 2}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "until": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One-line texts reach calendar feeds and mails as one line.
        one_line(self, "title", "place_name", "address_text", "cost")
        cast(forms.ChoiceField, self.fields["ward"]).choices = [("", "---------")] + [
            (w.value, w.label) for w in Ward.sakai_wards()
        ]
        self.fields["day_of_month"].widget.attrs.update({"min": 1, "max": 28})
        joining = cast(forms.ChoiceField, self.fields["joining"])
        joining.required = True
        joining.choices = list(Joining.choices)
        joining.error_messages["required"] = _("参加のしかたを選んでください。")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        recurrence = data.get("recurrence")
        if recurrence in (Recurrence.WEEKLY, Recurrence.MONTHLY_NTH) and not data.get("weekday"):
            self.add_error("weekday", _("曜日を選んでください。"))
        if recurrence == Recurrence.MONTHLY_NTH and not data.get("week_of_month"):
            self.add_error("week_of_month", _("第何週かを選んでください。"))
        if recurrence == Recurrence.MONTHLY_DATE:
            day = data.get("day_of_month")
            if not day or not 1 <= day <= 28:
                self.add_error("day_of_month", _("日付は1から28までの数字で入れてください。"))
        starts_on, until = data.get("starts_on"), data.get("until")
        if starts_on and until and until < starts_on:
            self.add_error("until", _("おわる日は、はじまる日より後にしてください。"))
        if (
            data.get("joining") == Joining.BOOK_FIRST
            and not (data.get("how_to_book") or "").strip()
        ):
            self.add_error("how_to_book", _("申し込みのしかたを書いてください。"))
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if start_time and end_time and end_time <= start_time:
            self.add_error("end_time", _("終了時刻は開始時刻より後にしてください。"))
        return data


class CalendarFilterForm(forms.Form):
    """GET filters of the public calendar and the iCalendar feed. Bad values are reported, never fatal."""

    ward = forms.ChoiceField(label=_("区"), required=False)
    kind = forms.ChoiceField(
        label=_("種類"), required=False, choices=[("", _("すべて")), *GatheringKind.choices]
    )
    audience = forms.ChoiceField(
        label=_("対象"), required=False, choices=[("", _("すべて")), *AUDIENCES]
    )
    start = forms.DateField(
        label=_("いつから"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("いつまで"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["ward"]).choices = [("", _("すべて"))] + [
            (w.value, w.label) for w in Ward.sakai_wards()
        ]

    def _clean_day(self, name: str) -> date | None:
        day: date | None = self.cleaned_data.get(name)
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(_("2000年から2099年までの日付を入れてください。"))
        return day

    def clean_start(self) -> date | None:
        return self._clean_day("start")

    def clean_end(self) -> date | None:
        return self._clean_day("end")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("「いつまで」は「いつから」より後の日にしてください。"))
        elif start and end and (end - start).days > MAX_RANGE_DAYS:
            self.add_error("end", _("一度に見られるのは3か月までです。"))
        return data

    def filters(self) -> dict[str, str]:
        """The valid ward/kind/audience filters; an invalid form filters nothing it cannot trust."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            key: data.get(key) or ""
            for key in ("ward", "kind", "audience")
            if key not in self.errors
        }

    def date_range(self) -> tuple[date, date]:
        data = self.cleaned_data if self.is_bound else {}
        start = (None if "start" in self.errors else data.get("start")) or timezone.localdate()
        end = None if "end" in self.errors else data.get("end")
        return start, end or start + timedelta(days=DEFAULT_RANGE_DAYS - 1)


class CancellationForm(forms.Form):
    """One meeting to cancel: the day must be one the gathering meets on, today or later."""

    day = forms.DateField(label=_("中止する日"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("中止の理由（予定表に出ます）"),
        max_length=100,
        required=False,
        help_text=_("たとえば「雨のため」「担当者の体調不良のため」。"),
    )

    def __init__(self, *args: Any, gathering: Gathering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gathering = gathering

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("今日より前の回は中止にできません。"))
        if not self.gathering.occurrences(day, day):
            raise forms.ValidationError(_("その日はこのつどいの開催日ではありません。"))
        if self.gathering.cancellations.filter(day=day).exists():
            raise forms.ValidationError(_("その日はもう中止になっています。"))
        return day
