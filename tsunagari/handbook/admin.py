from django.contrib import admin

from tsunagari.handbook.models import ArrivalTally, Campaign


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "is_on", "updated_at"]


@admin.register(ArrivalTally)
class ArrivalTallyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["week", "tag", "count"]
    list_filter = ["tag"]
