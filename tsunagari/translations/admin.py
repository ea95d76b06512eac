"""Staff enter translations beside the record they translate (an inline per model)."""

from typing import Any

from django import forms
from django.contrib.contenttypes.admin import GenericTabularInline
from django.http import HttpRequest

from tsunagari.core.access import is_platform_staff
from tsunagari.translations.fields import fields_of
from tsunagari.translations.models import ContentTranslation


def translation_inline(model: type) -> type[GenericTabularInline]:
    """An inline of ContentTranslation rows for ``model``, its field offered as a choice."""
    choices = [(name, model._meta.get_field(name).verbose_name) for name in fields_of(model)]  # type: ignore[attr-defined]

    class TranslationForm(forms.ModelForm):  # type: ignore[type-arg]
        field = forms.ChoiceField(
            label=ContentTranslation._meta.get_field("field").verbose_name, choices=choices
        )

        class Meta:
            model = ContentTranslation
            fields = ["language", "field", "text"]
            widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    class TranslationInline(GenericTabularInline):  # type: ignore[type-arg]
        extra = 0
        form = TranslationForm
        fields = ["language", "field", "text"]

        def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

        def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

        def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

        def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

    TranslationInline.model = ContentTranslation
    return TranslationInline
