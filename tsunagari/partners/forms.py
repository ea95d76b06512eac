"""Forms of the platform. Every text field has a length limit and a plain message."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagari.accounts.models import RoleKind
from tsunagari.core.validators import refuse_line_breaks
from tsunagari.directory.models import Ward
from tsunagari.directory.needs import NEEDS
from tsunagari.partners.models import (
    Attendance,
    AttendanceAnswer,
    ContactRequest,
    Member,
    Notice,
    Offer,
    Request,
    Sector,
)
from tsunagari.partners.uploads import check_logo

NEED_CHOICES = [(need.code, need.label) for need in NEEDS]
WARD_CHOICES = [(w.value, w.label) for w in Ward]


def too_long(limit: int) -> Any:
    return _("%(limit)d文字以内で入力してください。") % {"limit": limit}


class LimitedText(forms.CharField):
    """A text field whose too-long message says the limit in plain words.

    A one-line text (the default widget) may reach a mail subject, so it refuses line breaks.
    """

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        if "widget" not in kwargs:
            kwargs.setdefault("validators", []).append(refuse_line_breaks)
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "max_length",
            _("%(limit_value)d文字以内で入力してください（いまは%(show_value)d文字です）。"),
        )
        kwargs["error_messages"].setdefault("required", _("この項目を入力してください。"))
        super().__init__(max_length=max_length, **kwargs)


def offering_field(label: Any) -> "LimitedText":
    """What a member can give or is looking for: the same free-text field on both forms."""
    return LimitedText(
        label=label, max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApplicationForm(forms.Form):
    name = LimitedText(label=_("団体名"), max_length=200)
    # Starts empty: a default would file every hurried applicant under the city's departments.
    sector = forms.ChoiceField(
        label=_("分野"),
        choices=[("", _("えらんでください")), *Sector.choices],
        error_messages={"required": _("団体の分野をえらんでください。")},
    )
    description = LimitedText(
        label=_("団体の紹介（参加団体一覧に載ります）"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs = forms.MultipleChoiceField(
        label=_("活動している分野"),
        choices=NEED_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("少なくとも1つ選んでください。")},
    )
    wards = forms.MultipleChoiceField(
        label=_("活動している区"),
        choices=WARD_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("少なくとも1つ選んでください。")},
    )
    website = forms.URLField(
        label=_("ウェブサイト"), required=False, max_length=200, assume_scheme="https"
    )
    contact_name = LimitedText(label=_("担当者のお名前"), max_length=100)
    contact_email = forms.EmailField(
        label=_("担当者のメールアドレス"),
        max_length=254,
        help_text=_(
            "承認のお知らせと、管理者アカウントを作るための招待をこのアドレスにお送りします。"
        ),
    )
    contact_public = forms.BooleanField(
        label=_("担当者の連絡先を参加団体一覧に出す"),
        required=False,
        initial=False,
        help_text=_(
            "チェックしたときだけ、担当者のお名前とメールアドレスをだれでも見られる一覧に出します。"
        ),
    )
    can_offer = offering_field(_("できること"))
    looking_for = offering_field(_("してほしいこと・さがしていること"))


class AnswerForm(forms.Form):
    """The applicant's answer to the secretariat's questions."""

    answer = LimitedText(
        label=_("事務局へのお答え"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ProfileForm(forms.ModelForm):
    """What an organisation admin may change about its own membership (never status or sector)."""

    description = LimitedText(
        label=_("団体の紹介"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs = forms.MultipleChoiceField(
        label=_("活動している分野"), choices=NEED_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    wards = forms.MultipleChoiceField(
        label=_("活動している区"), choices=WARD_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    contact_name = LimitedText(label=_("担当者のお名前"), max_length=100)
    can_offer = offering_field(_("できること"))
    looking_for = offering_field(_("してほしいこと・さがしていること"))

    logo = forms.FileField(
        label=_("ロゴ（任意）"),
        required=False,
        help_text=_("PNG・JPEG・WebP、500KBまで。"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    class Meta:
        model = Member
        fields = [
            "needs",
            "wards",
            "contact_name",
            "contact_email",
            "contact_public",
            "can_offer",
            "looking_for",
            "logo",
        ]

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return check_logo(logo)
        return logo


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("招待する人のメールアドレス"), max_length=254)
    kind = forms.ChoiceField(label=_("役割"), choices=RoleKind.choices, initial=RoleKind.MEMBER)


class PostingForm(forms.ModelForm):
    title = LimitedText(label=_("ひとことで"), max_length=100)
    description = LimitedText(
        label=_("くわしく"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    needs = forms.MultipleChoiceField(
        label=_("関係するお悩み"),
        choices=NEED_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    wards = forms.MultipleChoiceField(
        label=_("区"), choices=WARD_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        fields = ["kind", "title", "description", "needs", "wards"]


class OfferForm(PostingForm):
    class Meta(PostingForm.Meta):
        model = Offer


class RequestForm(PostingForm):
    class Meta(PostingForm.Meta):
        model = Request


class ContactForm(forms.ModelForm):
    message = LimitedText(
        label=_("メッセージ"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("相手の担当者にメールで届きます。返信はあなたのメールアドレスに届きます。"),
    )

    class Meta:
        model = ContactRequest
        fields = ["from_organization", "message"]
        labels = {"from_organization": _("どの団体として送りますか")}

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the sender's own organisations: a tampered value fails validation.
        self.fields["from_organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["from_organization"].empty_label = None  # type: ignore[attr-defined]


class NoticeForm(forms.ModelForm):
    title = LimitedText(label=_("題名"), max_length=150)
    body = LimitedText(label=_("本文"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    place = LimitedText(label=_("会場"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("会議の日時"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    class Meta:
        model = Notice
        fields = ["kind", "title", "body", "sector", "is_public", "starts_at", "place"]


class AttendanceForm(forms.ModelForm):
    answer = forms.ChoiceField(
        label=_("出欠"), choices=AttendanceAnswer.choices, widget=forms.RadioSelect
    )
    people = forms.IntegerField(label=_("人数"), min_value=1, max_value=20, initial=1)

    class Meta:
        model = Attendance
        fields = ["answer", "people"]


class StaffDecisionForm(forms.Form):
    message = LimitedText(
        label=_("申し込んだ団体へのメッセージ"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "確認したいことがあるときは必ず書いてください。承認するときに書いたことは、招待のメールに入ります。"
        ),
    )
