from django.contrib import admin

from tsunagari.measures.models import NationalMeasure, PlanItem, PlanPillar


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0


@admin.register(PlanPillar)
class PlanPillarAdmin(admin.ModelAdmin):
    inlines = [PlanItemInline]


@admin.register(NationalMeasure)
class NationalMeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "item"]
