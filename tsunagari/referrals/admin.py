from django.contrib import admin

from tsunagari.referrals.models import Referral, ReferralEvent


class EventInline(admin.TabularInline):
    model = ReferralEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "kind", "actor", "from_status", "to_status", "reason")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    """Facts only: the person's details are never shown here (they are read through reveal)."""

    list_display = ["reference", "service", "from_organization", "status", "relayed", "sent_at"]
    list_filter = ["status", "relayed", "source"]
    search_fields = ["reference"]
    fields = (
        "reference",
        "source",
        "service",
        "to_organization",
        "relayed",
        "from_organization",
        "status",
        "sent_at",
        "ack_due_at",
        "reminded_at",
        "escalated_at",
        "acknowledged_at",
        "closed_at",
        "outcome_reason",
        "erased_at",
    )
    readonly_fields = fields
    inlines = [EventInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
