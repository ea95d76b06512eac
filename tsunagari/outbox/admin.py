from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tsunagari.outbox.models import Message, MessageStatus


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "to",
        "subject",
        "status",
        "sent_at",
        "attempts",
        "next_attempt_at",
    ]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "reply_to",
        "created_at",
        "status",
        "claimed_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    actions = ["retry_now"]

    @admin.action(description=_("選んだメールを今すぐ送り直す"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        for message in queryset.exclude(status__in=[MessageStatus.SENT, MessageStatus.SENDING]):
            message.retry()
