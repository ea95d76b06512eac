"""The form of one translation row, its field offered as a choice of the model's
translatable fields (used by the admin inlines and the owners' gathering page)."""

from typing import Any

from django import forms
from django.contrib.contenttypes.forms import generic_inlineformset_factory

from tsunagari.translations.fields import fields_of
from tsunagari.translations.models import ContentTranslation


def translation_form(model: type) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    choices = [(name, model._meta.get_field(name).verbose_name) for name in fields_of(model)]  # type: ignore[attr-defined]

    class TranslationForm(forms.ModelForm):  # type: ignore[type-arg]
        field = forms.ChoiceField(
            label=ContentTranslation._meta.get_field("field").verbose_name, choices=choices
        )

        class Meta:
            model = ContentTranslation
            fields = ["language", "field", "text"]
            widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    return TranslationForm


def translation_formset(model: type, *, extra: int = 3) -> Any:
    """Translations of one record: the rows it has, and a few empty ones to add."""
    return generic_inlineformset_factory(
        ContentTranslation, form=translation_form(model), extra=extra, can_delete=True
    )
