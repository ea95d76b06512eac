from django.contrib import admin

from tsunagari.accounts.models import Invitation, Role
from tsunagari.partners.models import (
    Attendance,
    ContactRequest,
    Member,
    Notice,
    Offer,
    Partnership,
    Request,
)


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["organization", "sector", "status", "applied_at"]
    list_filter = ["status", "sector"]
    search_fields = ["organization__name", "contact_name", "contact_email"]
    # Status changes go through the review page (explicit transitions that also send mail).
    # The logo changes only through the checked, re-encoding upload on the member's page.
    readonly_fields = ["status", "applied_at", "decided_at", "decided_by", "logo"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "kind"]
    list_filter = ["kind"]
    search_fields = ["user__username", "user__email", "organization__name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "kind", "created_at", "expires_at", "accepted_at"]
    exclude = ["token_hash"]
    readonly_fields = ["accepted_at", "accepted_by", "expires_at"]


for model in (Offer, Request, ContactRequest, Partnership, Notice, Attendance):
    admin.site.register(model)
