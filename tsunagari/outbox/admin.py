from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.outbox.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "sent_at", "attempts", "next_attempt_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "reply_to",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    actions = ["retry_now"]

    @admin.action(description=_("選んだメールを今すぐ送り直す"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        for message in queryset.filter(sent_at__isnull=True):
            message.attempts = 0
            message.next_attempt_at = timezone.now()
            message.save(update_fields=["attempts", "next_attempt_at"])
