"""Staff side of the directory: edit listings, mark them verified, retire them.

Platform staff (the city's secretariat) keep the directory, so any active staff
member may view, add and change listings here without per-model permissions.
Deleting stays with superusers: a service that ended is retired, not deleted,
so its history and sources remain.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tsunagari.core.access import is_platform_staff
from tsunagari.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from tsunagari.translations.admin import translation_inline

STALE_MONTHS = 12


class StaffKeepsDirectory:
    """Any active staff member may keep the directory; only superusers delete."""

    # Addresses typed without a scheme are https (Django 6 default).
    formfield_overrides: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
        models.URLField: {"assume_scheme": "https"}
    }

    def _is_staff(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_staff(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._is_staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_staff(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


class StaleFilter(admin.SimpleListFilter):
    title = _("確認日")
    parameter_name = "stale"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("12か月以上確認していない"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Service]) -> QuerySet[Service]:
        if self.value() == "yes":
            return queryset.filter(
                pk__in=Service.objects.stale(timezone.localdate(), months=STALE_MONTHS).values("pk")
            )
        return queryset


class SourcedPhoneForm(forms.ModelForm):
    """A number typed in the admin says where it was read: never one from memory (decision 0003)."""

    class Meta:
        model = Phone
        fields = [
            "number",
            "type",
            "description",
            "source_name",
            "source_url",
            "source_date",
            "confidence",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("number"):
            return data
        if (
            not (data.get("source_name") or "").strip()
            and not (data.get("source_url") or "").strip()
        ):
            self.add_error(
                "source_url",
                _("電話番号には出典（載っていたページの名前かアドレス）を入れてください。"),
            )
        if not (data.get("source_date") or "").strip():
            self.add_error(
                "source_date", _("出典の日付（そのページで確かめた日）を入れてください。")
            )
        return data


class PhoneInline(StaffKeepsDirectory, admin.TabularInline):  # type: ignore[type-arg]
    model = Phone
    form = SourcedPhoneForm
    fk_name = "service"
    fields = [
        "number",
        "type",
        "description",
        "source_name",
        "source_url",
        "source_date",
        "confidence",
    ]
    extra = 0


class ScheduleInline(StaffKeepsDirectory, admin.TabularInline):  # type: ignore[type-arg]
    model = Schedule
    fk_name = "service"
    fields = [
        "freq",
        "byday",
        "bymonthday",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
        "is_closure",
        "description",
    ]
    extra = 0


class AttributeInline(StaffKeepsDirectory, admin.TabularInline):  # type: ignore[type-arg]
    model = Attribute
    fields = ["taxonomy_term"]
    extra = 0
    verbose_name = _("分類（お悩み・対象・相談方法）")
    verbose_name_plural = _("分類（お悩み・対象・相談方法）")


class ServiceAtLocationInline(StaffKeepsDirectory, admin.TabularInline):  # type: ignore[type-arg]
    model = ServiceAtLocation
    fields = ["location", "description"]
    autocomplete_fields = ["location"]
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(StaffKeepsDirectory, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "legal_status", "confidence", "needs_reverification", "is_demo"]
    list_filter = ["confidence", "needs_reverification", "is_demo"]
    search_fields = ["name", "alternate_name"]
    inlines = [translation_inline(Organization)]


@admin.register(Service)
class ServiceAdmin(StaffKeepsDirectory, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "name",
        "organization",
        "area",
        "ward",
        "kind",
        "status",
        "review_status",
        "assured_date",
        "confidence",
        "needs_reverification",
    ]
    list_filter = [
        StaleFilter,
        "kind",
        "status",
        "review_status",
        "area",
        "ward",
        "confidence",
        "needs_reverification",
        "contact_pending",
    ]
    search_fields = ["name", "alternate_name", "organization__name"]
    autocomplete_fields = ["organization"]
    # Status and the verified date change only through the actions below (explicit transitions).
    # The kind follows from phones, channels and places (Service.decide_kind), set on save.
    readonly_fields = [
        "status",
        "review_status",  # changes only on the staff review page (Service.approve_review …)
        "kind",
        "retired_reason",
        "assured_date",
        "assurer_email",
        "import_key",
    ]
    inlines = [
        PhoneInline,
        ScheduleInline,
        AttributeInline,
        ServiceAtLocationInline,
        translation_inline(Service),
    ]
    actions = ["mark_verified", "retire"]
    list_per_page = 50

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        form.instance.refresh_kind()

    @admin.action(description=_("確認済みにする"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        today = timezone.localdate()
        done = refused = 0
        for service in queryset:
            try:
                service.mark_verified(by_email=getattr(request.user, "email", ""), today=today)
            except ValueError:
                refused += 1
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d 件を確認済みにしました。",
                    "%(count)d 件を確認済みにしました。",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d 件は終了しているため、確認済みにできませんでした。",
                    "%(count)d 件は終了しているため、確認済みにできませんでした。",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )

    @admin.action(description=_("終了にする"))
    def retire(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        done = 0
        for service in queryset.exclude(status=ServiceStatus.DEFUNCT):
            service.retire()
            done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d 件を終了にしました。公開ページには表示されません。",
                "%(count)d 件を終了にしました。公開ページには表示されません。",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )


class AddressInline(StaffKeepsDirectory, admin.StackedInline):  # type: ignore[type-arg]
    model = Address
    extra = 0


class AccessibilityInline(StaffKeepsDirectory, admin.StackedInline):  # type: ignore[type-arg]
    model = Accessibility
    extra = 0


@admin.register(Location)
class LocationAdmin(StaffKeepsDirectory, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "organization", "location_type", "confidence"]
    list_filter = ["location_type", "confidence", "needs_reverification"]
    search_fields = ["name", "alternate_name", "addresses__address_1"]
    autocomplete_fields = ["organization"]
    inlines = [AddressInline, AccessibilityInline]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(StaffKeepsDirectory, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "taxonomy", "code", "position"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]
