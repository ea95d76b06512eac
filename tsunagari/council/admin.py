"""Staff keep the public notice, the member bodies, the pledge text and who sits on
the council here. Cases are deliberately not in the admin: staff who are not
members must not see them (docs/decisions/0026)."""

from django.contrib import admin

from tsunagari.council.models import Council, CouncilMember, MemberBody, PledgeText


class MemberBodyInline(admin.TabularInline):
    model = MemberBody
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "coordinating_body", "established_on", "is_demo"]
    inlines = [MemberBodyInline]


@admin.register(PledgeText)
class PledgeTextAdmin(admin.ModelAdmin):
    list_display = ["version", "adopted_on"]


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "starts_on", "ends_on", "pledge_signed_on", "pledge_version"]
    list_filter = ["body"]
    raw_id_fields = ["user"]
    search_fields = ["user__username", "user__display_name", "body__name"]
