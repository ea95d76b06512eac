from django.contrib import admin

from tsunagari.survey.models import Question, Wave


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "is_demo", "created_on"]
    inlines = [QuestionInline]
    # Answers are not shown here: results pages show them only in aggregate.
