"""Forms for referrals. One-line fields refuse line breaks; every text has a plain limit."""

import re
import secrets
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.needs import NEEDS
from tsunagari.partners.forms import LimitedText
from tsunagari.referrals.models import (
    ALLOWED_FROM,
    NEEDS_REASON,
    ConsentMethod,
    Language,
    ReferralStatus,
    SharedItem,
    Urgency,
)

LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class OneLine(LimitedText):
    """A one-line text: a line break (or a control character) is refused, not folded away."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        # Check before CharField strips the ends: a trailing CR/LF is still an attempt.
        if isinstance(value, str) and (LINE_BREAK.search(value) or CONTROL.search(value)):
            raise ValidationError(
                _("改行や制御文字は入れられません。1行で入力してください。"), code="line_break"
            )
        return str(super().to_python(value))


class FreeText(LimitedText):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        if isinstance(value, str) and CONTROL.search(value):
            raise ValidationError(_("制御文字は入れられません。"), code="control")
        return str(super().to_python(value))


DATE_MESSAGE = _("日付を正しく入力してください（例：2026-12-02）。")
NEED_CHOICES = [(need.code, need.label) for need in NEEDS]


class ReferralForm(forms.Form):
    """A member refers a person: minimum details, and the consent they gave."""

    from_organization: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("送る団体"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("送る団体をえらびなおしてください。")},
    )
    person_name = OneLine(
        label=_("名前・呼び方"),
        max_length=60,
        required=True,
        help_text=_("ご本人が呼ばれたい名前だけで大丈夫です。"),
    )
    contact_how = OneLine(
        label=_("連絡のしかた"),
        max_length=120,
        required=True,
        help_text=_("電話番号やメールアドレスなど、ご本人が教えてくれた連絡先。"),
    )
    contact_when = OneLine(
        label=_("連絡してよい時間"), max_length=100, help_text=_("例：平日の午後")
    )
    language = forms.ChoiceField(label=_("ことば"), choices=Language.choices, initial="ja")
    needs = forms.MultipleChoiceField(
        label=_("困りごと"),
        choices=NEED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("困りごとをえらびなおしてください。")},
    )
    urgency = forms.ChoiceField(
        label=_("急ぎかどうか"), choices=Urgency.choices, initial=Urgency.NORMAL
    )
    note = FreeText(
        label=_("ひとことメモ"),
        max_length=500,
        help_text=_("受ける団体が知っておくとよいことだけを短く。診断名などは書かないでください。"),
    )
    consent_method = forms.ChoiceField(
        label=_("同意のしかた"),
        choices=[("", _("えらんでください")), *ConsentMethod.choices],
        error_messages={"required": _("どのように同意をもらったかをえらんでください。")},
    )
    consent_given_on = forms.DateField(
        label=_("同意をもらった日"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": DATE_MESSAGE, "invalid": DATE_MESSAGE},
    )
    shared = forms.MultipleChoiceField(
        label=_("伝えてよいこと"),
        choices=[c for c in SharedItem.choices if c[0] != SharedItem.NAVIGATOR_TEXT],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("ご本人が伝えてよいと言ったことをえらんでください。")},
    )
    consent_confirmed = forms.BooleanField(
        label=_("ご本人から、この団体に伝えることの同意をもらいました。"),
        error_messages={"required": _("ご本人の同意がないと、つなぐことはできません。")},
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["from_organization"]
        field.queryset = organizations  # type: ignore[attr-defined]
        self.only_organization = organizations.first() if organizations.count() == 1 else None
        if self.only_organization is not None:
            # One organisation: nothing to choose, nothing to show.
            field.widget = forms.HiddenInput()
            field.required = False

    def clean_from_organization(self) -> Any:
        return self.cleaned_data.get("from_organization") or self.only_organization

    def clean_consent_given_on(self) -> Any:
        day = self.cleaned_data["consent_given_on"]
        if day > timezone.localdate():
            raise ValidationError(_("同意をもらった日に、これからの日付は入れられません。"))
        if (timezone.localdate() - day).days > 365:
            raise ValidationError(
                _("1年以上前の同意では送れません。もう一度ご本人に確かめてください。")
            )
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shared = data.get("shared") or []
        if shared and not {SharedItem.NAME, SharedItem.CONTACT} <= set(shared):
            self.add_error(
                "shared",
                _("名前と連絡先を伝えてよいと言われていないと、受ける団体が連絡できません。"),
            )
        return data


class MoveForm(forms.Form):
    """The receiving side records the next step or an ending, with a reason."""

    to = forms.ChoiceField(label=_("どうなりましたか"), choices=ReferralStatus.choices)
    reason = OneLine(
        label=_("理由・メモ"),
        max_length=300,
        help_text=_("送った団体にも見えます。ご本人の名前や病名は書かないでください。"),
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = [
            (value, label)
            for value, label in ReferralStatus.choices
            if current in ALLOWED_FROM.get(value, set())
            and value not in (ReferralStatus.WITHDRAWN, ReferralStatus.REFERRED_ON)
        ]
        self.fields["to"].choices = allowed  # type: ignore[attr-defined]
        self.fields["to"].error_messages["invalid_choice"] = _(
            "いまの状態からは、その変更はできません。"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") in NEEDS_REASON and not data.get("reason"):
            self.add_error("reason", _("この変更には理由を書いてください。"))
        return data


class ReasonForm(forms.Form):
    reason = OneLine(label=_("理由"), max_length=300, required=True)


class ConsentWithdrawalForm(forms.Form):
    reason = OneLine(label=_("メモ（任意）"), max_length=300)
    confirm = forms.BooleanField(
        label=_("ご本人が同意を取り消しました。お名前と連絡先を消します。"),
        error_messages={"required": _("消してよいか確かめてから押してください。")},
    )


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class SelfReferralForm(forms.Form):
    """A person asks a desk to contact them. Only what they choose is sent."""

    person_name = OneLine(
        label=_("お名前か呼び方（任意）"),
        max_length=60,
        help_text=_("ニックネームでも大丈夫です。"),
    )
    contact_how = OneLine(
        label=_("連絡先（電話番号かメールアドレス）"),
        max_length=120,
        required=True,
        error_messages={"required": _("連絡先を入力してください。窓口からの連絡に使います。")},
    )
    contact_when = OneLine(
        label=_("連絡してよい時間（任意）"), max_length=100, help_text=_("例：平日の夕方")
    )
    language = forms.ChoiceField(label=_("ことば"), choices=Language.choices, initial="ja")
    attach = forms.BooleanField(
        label=_("ナビに書いた内容も窓口に伝える"),
        required=False,
        help_text=_("チェックしなければ、書いた内容は送りません。"),
    )
    navigator_text = FreeText(label=_("ナビに書いた内容"), max_length=2000)
    consent = forms.BooleanField(
        error_messages={"required": _("同意していただかないと、窓口に伝えられません。")},
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, consent_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label

    def clean_submission_key(self) -> str:
        key = str(self.cleaned_data["submission_key"])
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", key):
            raise ValidationError(_("もう一度はじめから入力してください。"))
        return key

    def attached_text(self) -> str:
        if not self.cleaned_data.get("attach"):
            return ""
        return str(self.cleaned_data.get("navigator_text") or "")
