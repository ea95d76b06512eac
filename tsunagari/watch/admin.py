from django.contrib import admin

from tsunagari.watch.models import Report, WatchBusiness


@admin.register(WatchBusiness)
class WatchBusinessAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ward", "status", "applied_at"]
    list_filter = ["status", "ward", "kind"]
    search_fields = ["name", "contact_name"]
    # States move only through the staff page's transitions.
    readonly_fields = ["status", "decided_at", "decided_by", "report_token", "card_token_hash"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """A read-only list: the place and details are sealed and never shown here."""

    list_display = ["reference", "kind", "ward", "status", "centre", "received_at"]
    list_filter = ["status", "ward", "kind", "routing"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
