"""Council forms. Sensitive text is entered here and encrypted on save; the forms
are plain forms (not model forms) because encrypted fields are not editable."""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.council.models import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    Case,
    CouncilMember,
    NoteKind,
    Outcome,
)

# A record dated more than this far back or ahead is almost certainly a typo.
OLDEST_YEARS = 20
FUTURE_DAYS = 366


def long_text(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "長すぎます。%(limit_value)d文字以内にしてください（いま%(show_value)d文字）。"
            ),
            "required": _("この項目を書いてください。"),
        },
    )


def short_text(label: Any, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=SHORT_TEXT_MAX,
        error_messages={
            "max_length": _(
                "長すぎます。%(limit_value)d文字以内にしてください（いま%(show_value)d文字）。"
            ),
            "required": _("この項目を書いてください。"),
        },
    )


class DateField(forms.DateField):
    """A date a person can mean: no invalid calendar dates, not decades off."""

    default_error_messages = {
        "invalid": _("日付を 2026-04-01 のように正しく書いてください（ありえない日付です）。"),
        "required": _("日付を書いてください。"),
    }

    def __init__(self, *args: Any, past_only: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)
        self.past_only = past_only

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if value < today.replace(year=today.year - OLDEST_YEARS):
            raise ValidationError(_("日付が古すぎます。年を確かめてください。"), code="too_old")
        if self.past_only and value > today:
            raise ValidationError(_("まだ来ていない日付です。"), code="future")
        if value > today + datetime.timedelta(days=FUTURE_DAYS):
            raise ValidationError(_("日付が先すぎます。年を確かめてください。"), code="too_far")


class MemberChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A council member by id; a mangled id gets the same message as a wrong one."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except ValidationError as exc:
            if exc.code == "invalid_choice":
                raise
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from exc


class CaseOpenForm(forms.Form):
    person_name = short_text(_("本人の呼び名（仮名でかまいません）"))
    situation = long_text(_("本人の状況"))


class CaseMemberForm(forms.Form):
    member = MemberChoiceField(
        label=_("加える構成員"),
        queryset=CouncilMember.objects.none(),
        error_messages={
            "invalid_choice": _(
                "この構成員は選べません。任期中で誓約済みの構成員を選んでください。"
            ),
            "required": _("構成員を選んでください。"),
        },
    )

    def __init__(self, *args: Any, case: Case, adder: CouncilMember, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.adder = adder
        # Everyone current, the adder included, so choosing oneself gets its own message.
        self.fields["member"].queryset = (  # type: ignore[attr-defined]
            CouncilMember.objects.active().select_related("user", "body")
        )

    def clean_member(self) -> CouncilMember:
        member: CouncilMember = self.cleaned_data["member"]
        if member.user_id == self.adder.user_id:
            raise ValidationError(
                _("自分自身をケースに加えることはできません。ほかの構成員に頼んでください。"),
                code="self",
            )
        if self.case.listings.filter(member=member).exists():
            raise ValidationError(_("この構成員はもうこのケースの担当です。"), code="duplicate")
        return member


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=NoteKind.choices)
    noted_on = DateField(label=_("日付"), past_only=True)
    body = long_text(_("内容"))


class ConferenceForm(forms.Form):
    held_on = DateField(label=_("開いた日"), past_only=True)
    attendees = forms.ModelMultipleChoiceField(
        label=_("出席した構成員"),
        queryset=CouncilMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("出席した構成員を選んでください。"),
            "invalid_choice": _("このケースの担当でない人は出席者に選べません。"),
            "invalid_pk_value": _("このケースの担当でない人は出席者に選べません。"),
        },
    )
    agenda = long_text(_("議題"))
    minutes = long_text(_("議事の記録"))
    decisions = long_text(_("決まったこと"), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (  # type: ignore[attr-defined]
            case.members.all().select_related("user", "body")
        )


class TaskForm(forms.Form):
    description = long_text(_("すること"))
    owner = MemberChoiceField(
        label=_("担当する構成員"),
        queryset=CouncilMember.objects.none(),
        error_messages={
            "invalid_choice": _("このケースの担当でない人には頼めません。"),
            "required": _("担当する構成員を選んでください。"),
        },
    )
    due_on = DateField(label=_("期限"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (  # type: ignore[attr-defined]
            CouncilMember.objects.active()
            .filter(listings__case=case)
            .select_related("user", "body")
        )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("結果"), choices=Outcome.choices)
    note = long_text(_("終了の記録"))


class PledgeForm(forms.Form):
    agree = forms.BooleanField(
        label=_("誓約文を読み、守秘義務を守ることを誓約します。"),
        error_messages={"required": _("誓約するにはチェックを入れてください。")},
    )
