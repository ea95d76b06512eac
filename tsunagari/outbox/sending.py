"""Delivering the outbox over SMTP (Django's configured mail backend).

Each due message is sent on its own: one bad address or a server hiccup must not
hold back the rest. A failure is recorded on the message (attempts, last_error)
and the next try is scheduled later and later, up to a day apart; after
MAX_ATTEMPTS staff see it as failed and can send it again from the admin.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from tsunagari.outbox.models import Message, header_address, one_line_header

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def backoff(attempts: int) -> timedelta:
    """Wait 1, 2, 4, 8 … minutes between tries, never more than a day."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 24 * 60))


@dataclass
class Result:
    sent: int = 0
    failed: int = 0


def due_messages() -> list[int]:
    now = timezone.now()
    return list(
        Message.objects.filter(
            sent_at__isnull=True, next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS
        )
        .order_by("next_attempt_at", "created_at")
        .values_list("pk", flat=True)[:500]
    )


def send_message(message: Message, connection: object | None = None) -> None:
    # Rows written before queue() cleaned headers, or edited in the admin, are cleaned here too:
    # a line break must not leave a mail failing for good (BadHeaderError on every retry).
    reply_to = header_address(message.reply_to)
    email = EmailMessage(
        subject=one_line_header(message.subject),
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[header_address(message.to)],
        reply_to=[reply_to] if reply_to else None,
        connection=connection,
    )
    email.send(fail_silently=False)


def send_due() -> Result:
    result = Result()
    for pk in due_messages():
        with transaction.atomic():
            # skip_locked: two senders (a timer and `make run`) never send the same mail twice.
            message = (
                Message.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if message is None:
                continue
            try:
                send_message(message, get_connection(fail_silently=False))
            except Exception as exc:  # noqa: BLE001 — any failure must be recorded, not crash the loop
                message.attempts += 1
                message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                message.next_attempt_at = timezone.now() + backoff(message.attempts)
                message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                logger.warning(
                    "outbox: could not send message %s: %s", message.pk, message.last_error
                )
                result.failed += 1
            else:
                message.attempts += 1
                message.sent_at = timezone.now()
                message.last_error = ""
                message.save(update_fields=["attempts", "sent_at", "last_error"])
                result.sent += 1
    return result
