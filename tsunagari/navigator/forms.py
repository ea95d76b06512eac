"""The navigator's forms: free text, guided choices, and correcting what we understood.

All are GET forms: the answer page is a URL a person can share or print. Only
the free-text form carries words; guided mode and corrections carry choices.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagari.directory.models import Ward
from tsunagari.directory.needs import CHANNELS, NEEDS
from tsunagari.navigator.subneeds import SUBNEEDS
from tsunagari.navigator.text import SCANNED_CHARS

WARD_CHOICES: list[tuple[str, Any]] = [("", _("えらばない"))]
WARD_CHOICES += [(w.value, w.label) for w in Ward.sakai_wards()]

WHO_CHOICES = [
    ("self", _("自分のこと")),
    ("family", _("家族のこと")),
    ("friend", _("友だち・知り合いのこと")),
    ("supporter", _("支援している人のこと（支援者として）")),
]
AGE_CHOICES = [
    ("child", _("こども（〜18歳）")),
    ("youth", _("若者（15〜39歳）")),
    ("adult", _("おとな（40〜64歳）")),
    ("elderly", _("高齢の方（65歳〜）")),
    ("", _("答えない")),
]
WHEN_CHOICES = [
    ("now", _("いますぐ話したい")),
    ("later", _("あとで・ゆっくり相談したい")),
]
NEED_CHOICES: list[tuple[str, Any]] = [(need.code, need.label) for need in NEEDS]
NEED_CHOICES += [(sub.code, sub.label) for sub in SUBNEEDS]
CHANNEL_CHOICES = list(CHANNELS)


class AskForm(forms.Form):
    """Free text: what is troubling you."""

    q = forms.CharField(
        label=_("どんなことで困っていますか"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("思いつくままのことばで大丈夫です。名前や電話番号は書かないでください。"),
    )
    ward = forms.ChoiceField(label=_("お住まいの区"), choices=WARD_CHOICES, required=False)

    def clean_q(self) -> str:
        value: str = self.cleaned_data.get("q") or ""
        # Trimming happens in the text module, which also tells the person;
        # here only refuse what cannot be text at all.
        return value[:SCANNED_CHARS]


class ChoicesForm(forms.Form):
    """Guided mode and corrections: only choices, never free text."""

    who = forms.ChoiceField(
        label=_("だれのことですか"), choices=WHO_CHOICES, required=False, widget=forms.RadioSelect
    )
    age = forms.ChoiceField(
        label=_("その人の年代は"), choices=AGE_CHOICES, required=False, widget=forms.RadioSelect
    )
    need = forms.MultipleChoiceField(
        label=_("どんなことで困っていますか（いくつでも）"),
        choices=NEED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    first = forms.ChoiceField(
        label=_("いちばん困っていることは"), choices=[("", "-"), *NEED_CHOICES], required=False
    )
    how = forms.MultipleChoiceField(
        label=_("どうやって相談したいですか（いくつでも）"),
        choices=CHANNEL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    when = forms.ChoiceField(
        label=_("いつ話したいですか"),
        choices=WHEN_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    ward = forms.ChoiceField(label=_("お住まいの区"), choices=WARD_CHOICES, required=False)

    def ordered_needs(self) -> list[str]:
        codes: list[str] = list(self.cleaned_data.get("need") or [])
        first = self.cleaned_data.get("first")
        if first and first in codes:
            codes.remove(first)
            codes.insert(0, first)
        return codes

    def query_items(self) -> list[tuple[str, Any]]:
        """The choices as URL parameters (for links that keep them)."""
        items: list[tuple[str, Any]] = []
        for name in ("who", "age", "first", "when", "ward"):
            value = self.cleaned_data.get(name)
            if value:
                items.append((name, value))
        for name in ("need", "how"):
            for value in self.cleaned_data.get(name) or []:
                items.append((name, value))
        return items
