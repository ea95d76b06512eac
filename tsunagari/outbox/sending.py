"""Delivering the outbox over SMTP (Django's configured mail backend).

One message at a time, in three steps, none of which holds a transaction open
across the network (docs/decisions/0021):

1. take it (待ち → 送信中) in a short write transaction — at most one worker gets it;
2. talk to the SMTP server with no transaction open;
3. record the result in another short transaction (送信済み, or 待ち again later,
   or 送れなかった after MAX_ATTEMPTS; staff can send it again from the admin).

Each message is sent on its own: one bad address or a server hiccup must not hold
back the rest, and a database error ends only the round it happened in.
"""

import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError
from django.utils import timezone

from tsunagari.outbox.models import (
    MAX_ATTEMPTS,
    Message,
    MessageStatus,
    backoff,
    header_address,
    one_line_header,
)

__all__ = ["MAX_ATTEMPTS", "Outcome", "Result", "backoff", "deliver", "due_messages", "send_due"]

logger = logging.getLogger(__name__)


class Outcome(enum.Enum):
    SENT = "sent"
    FAILED = "failed"  # recorded; waits for the next attempt (or stopped after the last)
    SKIPPED = "skipped"  # not due, already taken, already sent or gone
    UNRECORDED = "unrecorded"  # went out, but the database refused the record (stays 送信中)


@dataclass
class Result:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    database_errors: int = 0


def due_messages(limit: int = 500) -> list[int]:
    return list(
        Message.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "created_at")
        .values_list("pk", flat=True)[:limit]
    )


def send_message(message: Message, connection: object | None = None) -> None:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "tsunagari"
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
        # The same message always carries the same id, so a receiver can tell a repeat.
        headers={"Message-ID": f"<outbox-{message.pk}-{message.created_at:%Y%m%d%H%M%S}@{domain}>"},
    )
    email.send(fail_silently=False)


def _record(step: str, do: Callable[[], None]) -> bool:
    """Record a result, trying a few times: the mail has already gone (or failed) for real."""
    for attempt in range(3):
        try:
            do()
            return True
        except DatabaseError:
            logger.warning("outbox: could not record %s (try %s)", step, attempt + 1, exc_info=True)
            time.sleep(0.2 * (attempt + 1))
    return False


def deliver(pk: int) -> Outcome:
    """Take, send and record one message. A database error while taking it propagates."""
    message = Message.claim(pk)
    if message is None:
        return Outcome.SKIPPED
    try:
        send_message(message, get_connection(fail_silently=False))
    except Exception as exc:  # noqa: BLE001 — any SMTP failure is recorded, never lost
        error = f"{type(exc).__name__}: {exc}"
        logger.warning("outbox: could not send message %s: %s", pk, error)
        if not _record("failure", lambda: message.mark_failed(error)):
            return Outcome.UNRECORDED
        return Outcome.FAILED
    if not _record("sending", message.mark_sent):
        # Never sent again: it stays 送信中 and becomes 送れたか分からない for staff to check.
        logger.error("outbox: message %s went out but could not be marked sent", pk)
        return Outcome.UNRECORDED
    return Outcome.SENT


def send_due() -> Result:
    """Send every due message now, in this process (``manage.py send_outbox``)."""
    result = Result()
    try:
        Message.give_up_stale_claims()
        pks = due_messages()
    except DatabaseError:
        logger.exception("outbox: database error while looking for due mail")
        result.database_errors += 1
        return result
    for pk in pks:
        try:
            outcome = deliver(pk)
        except DatabaseError:
            logger.exception("outbox: database error while taking message %s", pk)
            result.database_errors += 1
            break  # the database is unwell: end this round, the next one tries again
        if outcome is Outcome.SENT:
            result.sent += 1
        elif outcome in (Outcome.FAILED, Outcome.UNRECORDED):
            result.failed += 1
        else:
            result.skipped += 1
    return result
