from django.contrib import admin

from tsunagari.supporters.models import Lecture


@admin.register(Lecture)
class LectureAdmin(admin.ModelAdmin):
    list_display = ["held_on", "title", "format", "ward"]
