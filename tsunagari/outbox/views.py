from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tsunagari.core.access import staff
from tsunagari.outbox.models import Message
from tsunagari.outbox.sending import MAX_ATTEMPTS


@staff
@require_GET
def unsent(request: HttpRequest) -> HttpResponse:
    """Staff see mail that has not gone out yet, failures first."""
    messages = Message.objects.filter(sent_at__isnull=True).order_by(
        "-attempts", "next_attempt_at"
    )[:200]
    return render(request, "outbox/unsent.html", {"unsent": messages, "max_attempts": MAX_ATTEMPTS})
