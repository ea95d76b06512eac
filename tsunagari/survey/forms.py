"""Forms for answering (web, paper, import) and for staff setting up a wave.

Paper forms and imported lines go through the same :class:`PaperForm`, so a
check is written once: every item must be filled, with 9 (無回答) where the
person left it blank on paper.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagari.survey.models import (
    MARGIN_DIMENSIONS,
    AgeBand,
    Household,
    Question,
    Sex,
    SurveyResponse,
    Wave,
    margin_categories,
    ward_choices,
)
from tsunagari.survey.scoring import DIRECT_CHOICES, DIRECT_ITEM, UCLA_CHOICES, UCLA_ITEMS

NO_ANSWER = "9"  # paper forms and files: the person left this item blank
DEMOGRAPHICS: list[tuple[str, Any, list[tuple[str, str]]]] = [
    ("age_band", _("年齢"), [(v, str(label)) for v, label in AgeBand.choices]),
    ("sex", _("性別"), [(v, str(label)) for v, label in Sex.choices]),
    ("ward", _("お住まいの区"), ward_choices()),
    ("household", _("世帯"), [(v, str(label)) for v, label in Household.choices]),
]
LONELINESS: list[tuple[str, Any, list[tuple[int, Any]]]] = [
    *[(code, text, UCLA_CHOICES) for code, text in UCLA_ITEMS],
    (DIRECT_ITEM[0], DIRECT_ITEM[1], DIRECT_CHOICES),
]
IMPORT_COLUMNS = [name for name, _label, _choices in DEMOGRAPHICS] + [
    name for name, _label, _choices in LONELINESS
]


class AnswerForm(forms.Form):
    """The anonymous web form. Loneliness items are required; the rest may be skipped."""

    def __init__(self, *args: Any, wave: Wave, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wave = wave
        if wave.uses_codes:
            self.fields["code"] = forms.CharField(
                label=_("招待コード"),
                max_length=20,
                help_text=_("ご案内の紙に書かれているコードです。"),
            )
        for name, label, item_choices in LONELINESS:
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=item_choices, coerce=int, widget=forms.RadioSelect
            )
        for name, label, categories in DEMOGRAPHICS:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[("", _("答えない")), *categories],
                required=False,
            )
        for question in wave.questions.all():
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=[("", _("答えない")), *[(c, c) for c in question.choices]],
                required=False,
            )

    def answer_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields: dict[str, Any] = {name: data[name] for name, _l, _c in LONELINESS}
        fields.update({name: data[name] for name, _l, _c in DEMOGRAPHICS})
        fields["extra"] = {
            str(q.pk): data[f"q{q.pk}"] for q in self.wave.questions.all() if data.get(f"q{q.pk}")
        }
        return fields


class PaperForm(forms.Form):
    """One paper form typed in by staff, or one line of an imported file. Every item is filled."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        no_answer = (NO_ANSWER, _("無回答"))
        for name, label, categories in DEMOGRAPHICS:
            self.fields[name] = forms.ChoiceField(label=label, choices=[*categories, no_answer])
        # Typing in a pile of forms: the cursor starts on the first item of each new form.
        self.fields["age_band"].widget.attrs["autofocus"] = True
        for name, label, item_choices in LONELINESS:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[(str(v), f"{v} {text}") for v, text in item_choices] + [no_answer],
                widget=forms.RadioSelect,
            )

    def answer_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields: dict[str, Any] = {}
        for name in IMPORT_COLUMNS[: len(DEMOGRAPHICS)]:
            fields[name] = "" if data[name] == NO_ANSWER else data[name]
        for name in IMPORT_COLUMNS[len(DEMOGRAPHICS) :]:
            fields[name] = None if data[name] == NO_ANSWER else int(data[name])
        return fields


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSVファイル（UTF-8）"),
        help_text=_("1行目は見出し、2行目から1行に1人分です。"),
    )


class WaveForm(forms.ModelForm):
    class Meta:
        model = Wave
        fields = ["name", "sampling_notes", "uses_codes"]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["position", "text", "choices_text"]
        widgets = {"choices_text": forms.Textarea(attrs={"rows": 4})}

    def clean_choices_text(self) -> str:
        text: str = self.cleaned_data["choices_text"]
        if len([line for line in text.splitlines() if line.strip()]) < 2:
            raise forms.ValidationError(_("選択肢を2つ以上、1行に1つずつ書いてください。"))
        return text


class CodesForm(forms.Form):
    count = forms.IntegerField(label=_("つくるコードの数"), min_value=1, max_value=20000)


class MarginsForm(forms.Form):
    """Population counts for each category of age band, sex and ward."""

    def __init__(self, *args: Any, initial_counts: dict[str, dict[str, int]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for dimension in MARGIN_DIMENSIONS:
            for code, label in margin_categories(dimension):
                self.fields[f"{dimension}__{code}"] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    initial=initial_counts.get(dimension, {}).get(code),
                )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        names = {"age_band": _("年齢"), "sex": _("性別"), "ward": _("区")}
        return [
            (str(names[d]), [self[f"{d}__{code}"] for code, _l in margin_categories(d)])
            for d in MARGIN_DIMENSIONS
        ]

    def counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for key, value in self.cleaned_data.items():
            dimension, code = key.split("__", 1)
            counts.setdefault(dimension, {})[code] = value
        return counts


class SelfCheckForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in UCLA_ITEMS:
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=UCLA_CHOICES, coerce=int, widget=forms.RadioSelect
            )
        self.fields["share"] = forms.BooleanField(
            label=_("この結果を、名前などを付けずに、市の集計（セルフチェックの集計）に使ってよい"),
            required=False,
        )

    def answers(self) -> list[int]:
        return [self.cleaned_data[name] for name, _label in UCLA_ITEMS]


def response_from(wave: Wave, channel: str, fields: dict[str, Any]) -> SurveyResponse:
    return SurveyResponse(wave=wave, channel=channel, **fields)
