"""The form of one translation row, its field offered as a choice of the model's
translatable fields (used by the admin inlines and the owners' pages), and the formset of
one record's translations that tells what a save changed."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib.contenttypes.forms import (
    BaseGenericInlineFormSet,
    generic_inlineformset_factory,
)
from django.db.models import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from tsunagari.translations.fields import fields_of
from tsunagari.translations.models import ContentTranslation, translation_languages


def translation_form(model: type, fields: Sequence[str] | None = None) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    """``fields`` narrows the choice to the translatable fields someone may write."""
    names = [name for name in fields_of(model) if fields is None or name in fields]
    choices = [(name, model._meta.get_field(name).verbose_name) for name in names]  # type: ignore[attr-defined]

    class TranslationForm(forms.ModelForm):  # type: ignore[type-arg]
        # Both choices start empty, so that a browser sends an unused row as unchanged
        # (with the first language and field preselected it would be a row without text).
        language = forms.ChoiceField(
            label=ContentTranslation._meta.get_field("language").verbose_name,
            choices=lambda: [*BLANK_CHOICE_DASH, *translation_languages()],
        )
        field = forms.ChoiceField(
            label=ContentTranslation._meta.get_field("field").verbose_name,
            choices=[*BLANK_CHOICE_DASH, *choices],
        )

        class Meta:
            model = ContentTranslation
            fields = ["language", "field", "text"]
            widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    return TranslationForm


@dataclass(frozen=True)
class TranslationChange:
    """One field in one language, before and after a save ("" where there was none)."""

    language: str
    field: str
    before: str
    after: str

    @property
    def history_field(self) -> str:
        """How the change is named in a record's history: ``description (en)``."""
        return f"{self.field} ({self.language})"


class TranslationFormSet(BaseGenericInlineFormSet):
    """The rows of one record that its editor may write; the others (say, staff's
    translation of a contact text) are neither shown nor touched."""

    allowed_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "queryset",
            ContentTranslation.objects.filter(field__in=self.allowed_fields).order_by(
                "language", "field"
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        seen: set[tuple[str, str]] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or (
                not form.has_changed() and not form.instance.pk
            ):
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            key = (form.cleaned_data.get("language"), form.cleaned_data.get("field"))
            if None in key:
                continue
            if key in seen:
                raise forms.ValidationError(
                    _("同じことばの同じ項目が2つあります。1つにまとめてください。")
                )
            seen.add(key)  # type: ignore[arg-type]

    def save_and_tell(self) -> list[TranslationChange]:
        """Save the rows and say what changed, for the record's history. Call it inside the
        transaction that writes the history."""
        changes: list[TranslationChange] = []
        for form in self.initial_forms:
            if form.instance.pk is None:  # an id not among this record's rows: save() skips it
                continue
            before = form.initial
            old = TranslationChange(before["language"], before["field"], before["text"], "")
            if form.cleaned_data.get("DELETE"):
                changes.append(old)
            elif form.has_changed():
                now = form.cleaned_data
                if (now["language"], now["field"]) != (old.language, old.field):
                    changes.append(old)
                    changes.append(
                        TranslationChange(now["language"], now["field"], "", now["text"])
                    )
                else:
                    changes.append(
                        TranslationChange(old.language, old.field, old.before, now["text"])
                    )
        for form in self.extra_forms:
            if form.has_changed() and not (form.cleaned_data.get("DELETE")):
                now = form.cleaned_data
                changes.append(TranslationChange(now["language"], now["field"], "", now["text"]))
        self.save()
        return [change for change in changes if change.before != change.after]


def translation_formset(
    model: type, *, fields: Sequence[str] | None = None, extra: int = 3
) -> type[TranslationFormSet]:
    """Translations of one record: the rows it has, and a few empty ones to add."""
    allowed = tuple(name for name in fields_of(model) if fields is None or name in fields)
    formset = cast(
        type[TranslationFormSet],
        generic_inlineformset_factory(
            ContentTranslation,
            form=translation_form(model, allowed),
            formset=TranslationFormSet,
            extra=extra,
            can_delete=True,
        ),
    )
    formset.allowed_fields = allowed
    return formset
