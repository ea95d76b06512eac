"""Forms of the watch network. One-line fields refuse line breaks; every limit says itself."""

from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Organization, Ward
from tsunagari.partners.forms import LimitedText
from tsunagari.watch.models import Outcome
from tsunagari.watch.tables import business_kinds, concern_label, concerns

WARD_CHOICES = [(w.value, w.label) for w in Ward.sakai_wards()]
OLDEST_NOTICE_DAYS = 366


def no_line_breaks(value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValidationError(_("改行を入れずに、1行で入力してください。"), code="line_break")


class OneLine(LimitedText):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validators", []).append(no_line_breaks)
        super().__init__(**kwargs)


class BusinessForm(forms.Form):
    name = OneLine(label=_("事業所名（店名・支店名まで）"), max_length=200)
    kind = forms.ChoiceField(
        label=_("業種"),
        choices=[],
        error_messages={"required": _("業種をえらんでください。")},
    )
    ward = forms.ChoiceField(
        label=_("事業所のある区"),
        choices=[("", _("えらんでください")), *WARD_CHOICES],
        error_messages={"required": _("区をえらんでください。")},
    )
    contact_name = OneLine(label=_("担当者のお名前"), max_length=100)
    contact_email = forms.EmailField(
        label=_("担当者のメールアドレス（QRカードの案内が届きます）"),
        max_length=254,
        error_messages={
            "required": _("メールアドレスを入力してください。"),
            "invalid": _("メールアドレスの形が正しくありません。"),
        },
    )
    contact_phone = OneLine(label=_("担当者の電話番号（任意）"), max_length=20, required=False)
    agree = forms.BooleanField(
        label=_("気づいたことを地域包括支援センターに知らせる見守りに協力します。"),
        error_messages={"required": _("協力していただける場合は、チェックを入れてください。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", _("えらんでください")),
            *[(k.code, _(k.label)) for k in business_kinds()],
        ]


class ReportForm(forms.Form):
    """The one-minute form behind the QR code. ``key`` makes a double tap one report."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("気づいたこと"),
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": _("気づいたことを1つえらんでください。")},
    )
    immediate_danger = forms.TypedChoiceField(
        label=_("いま、命の危険がありますか"),
        choices=[("yes", _("ある・そう思う")), ("no", _("ない"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("命の危険があるかどうかをえらんでください。")},
    )
    ward = forms.ChoiceField(
        label=_("区"),
        choices=WARD_CHOICES,
        error_messages={"required": _("区をえらんでください。")},
    )
    place = OneLine(
        label=_("場所（住所、または目印）"),
        max_length=200,
        help_text=_("例: 南瓦町2丁目の角の家、○○公園の北側のアパート2階"),
    )
    noticed_on = forms.DateField(
        label=_("気づいた日"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("気づいた日を入力してください。"),
            "invalid": _("気づいた日は、2026-12-02 のように正しい日付で入力してください。"),
        },
    )
    details = LimitedText(
        label=_("くわしい様子（任意）"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (c.code, concern_label(c.code)) for c in concerns()
        ]

    def clean_noticed_on(self) -> Any:
        value = self.cleaned_data["noticed_on"]
        today = timezone.localdate()
        if value > today:
            raise ValidationError(_("気づいた日に、これから先の日は入れられません。"))
        if value < today - timedelta(days=OLDEST_NOTICE_DAYS):
            raise ValidationError(
                _("1年より前のことは、地域包括支援センターに電話で伝えてください。")
            )
        return value


class NoteForm(forms.Form):
    note = LimitedText(
        label=_("したこと（訪問・電話・関係機関への連絡など）"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferForm(forms.Form):
    to = forms.ModelChoiceField(
        label=_("回す先のセンター"),
        queryset=Organization.objects.none(),
        error_messages={"required": _("回す先のセンターをえらんでください。")},
    )
    note = LimitedText(
        label=_("回す理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, centres: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = centres  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("結果"),
        choices=[("", _("えらんでください")), *Outcome.choices],
        error_messages={"required": _("結果をえらんでください。")},
    )
    note = LimitedText(
        label=_("記録（任意）"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


REVEAL_PURPOSES = [
    ("対応のため", _("対応のため（訪問・電話・関係機関への連絡）")),
    ("振り分けの確認のため", _("振り分けの確認のため")),
    ("事務局の取り次ぎのため", _("事務局の取り次ぎのため")),
]


class RevealForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("見る目的"),
        choices=REVEAL_PURPOSES,
        error_messages={"required": _("見る目的をえらんでください。")},
    )
