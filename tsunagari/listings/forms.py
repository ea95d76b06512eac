from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from tsunagari.core.validators import one_line
from tsunagari.directory.models import Service
from tsunagari.directory.needs import NEEDS
from tsunagari.listings.services import EDITABLE_FIELDS

TEXT_LIMIT = 2000


class ListingForm(forms.ModelForm):
    """What an owner may change. review_status, verification and organisation are never fields here."""

    need_codes = forms.MultipleChoiceField(
        label=_("どんなお悩みの相談先ですか（1〜3つ）"),
        choices=[(need.code, need.label) for need in NEEDS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("お悩みの分類を1つ以上選んでください。")},
    )

    url = forms.URLField(
        label=_("ウェブサイト"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Service
        fields = EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility_description": forms.Textarea(attrs={"rows": 2}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        one_line(self, "name")  # the name is in the subject of the owners' mails
        for name in (
            "description",
            "eligibility_description",
            "fees_description",
            "application_process",
        ):
            field = cast(forms.CharField, self.fields[name])
            field.max_length = TEXT_LIMIT
            field.validators.append(MaxLengthValidator(TEXT_LIMIT))
            field.widget.attrs["maxlength"] = str(TEXT_LIMIT)

    def clean_need_codes(self) -> list[str]:
        codes: list[str] = self.cleaned_data.get("need_codes") or []
        if len(codes) > 3:
            raise forms.ValidationError(
                _(
                    "お悩みの分類は3つまでにしてください。たくさん選ぶと、相談したい人に届きにくくなります。"
                )
            )
        return codes


class SendBackForm(forms.Form):
    message = forms.CharField(
        label=_("団体へのメッセージ（なにを直してほしいか）"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("差し戻す理由を書いてください。")},
    )
