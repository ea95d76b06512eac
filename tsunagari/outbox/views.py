from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tsunagari.core.access import staff
from tsunagari.outbox.models import MAX_ATTEMPTS, Message, MessageStatus


@staff
@require_GET
def unsent(request: HttpRequest) -> HttpResponse:
    """Staff see mail that has not gone out yet, stopped and uncertain ones first."""
    messages = Message.objects.exclude(status=MessageStatus.SENT).order_by(
        "-attempts", "next_attempt_at"
    )[:200]
    stopped = (MessageStatus.FAILED, MessageStatus.UNKNOWN)
    return render(
        request,
        "outbox/unsent.html",
        {"unsent": messages, "max_attempts": MAX_ATTEMPTS, "stopped": stopped},
    )
