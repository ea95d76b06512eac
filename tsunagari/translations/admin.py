"""Staff enter translations beside the record they translate (an inline per model)."""

from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.http import HttpRequest

from tsunagari.core.access import is_platform_staff
from tsunagari.translations.forms import translation_form
from tsunagari.translations.models import ContentTranslation


def translation_inline(model: type) -> type[GenericTabularInline]:
    """An inline of ContentTranslation rows for ``model``, its field offered as a choice."""
    row_form = translation_form(model)

    class TranslationInline(GenericTabularInline):  # type: ignore[type-arg]
        model = ContentTranslation  # the rows; ``row_form`` knows the translated model
        extra = 0
        form = row_form
        fields = ["language", "field", "text"]

        def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

        def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

        def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

        def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
            return is_platform_staff(request.user)

    return TranslationInline


@admin.register(ContentTranslation)
class ContentTranslationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """All translations in one list; gatherings (which have no admin page of their own) get
    theirs here: choose つどい as the kind and paste the gathering's ID from its address."""

    list_display = ["record", "language", "field", "updated_at"]
    list_filter = ["language", "content_type", "field"]
    search_fields = ["text", "object_id"]
    fields = ["content_type", "object_id", "language", "field", "text"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "content_type":
            from django.contrib.contenttypes.models import ContentType

            from tsunagari.translations.fields import TRANSLATABLE_FIELDS

            labels = [label.split(".") for label in TRANSLATABLE_FIELDS]
            ids = [
                ContentType.objects.get_by_natural_key(app, model).pk
                for app, model in labels
                if ContentType.objects.filter(app_label=app, model=model).exists()
            ]
            kwargs["queryset"] = ContentType.objects.filter(pk__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_staff(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_staff(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_staff(request.user)
