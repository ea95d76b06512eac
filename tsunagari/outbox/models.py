"""E-mail written in the same transaction as the action that causes it.

Nothing sends mail inline: a view calls :meth:`Message.queue` inside its
transaction; when that transaction commits, a send task is enqueued
(``tsunagari.outbox.tasks``) and the worker delivers it over SMTP. An action
therefore never gets lost because a mail server was down.

A message moves 待ち → 送信中 → 送信済み, or back to 待ち (later) after a failure,
or to 送れなかった after the last attempt. 送信中 is taken in a short write
transaction before the SMTP conversation and left only by the worker that took
it (its ``claim_token``), so a message goes out at most once
(docs/decisions/0021).
"""

import re
import uuid
from datetime import timedelta
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagari.core import ruby
from tsunagari.core.transitions import InvalidTransition

MAX_ATTEMPTS = 8
# A message still 送信中 this long after it was taken belongs to a worker that died mid-send.
CLAIM_STALE_AFTER = timedelta(minutes=10)


# Line breaks and other control characters end a mail header; in a subject they are a space.
_HEADER_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line_header(value: str) -> str:
    """A header value as one line: a name with a line break never breaks (or injects into) a mail."""
    return _HEADER_BREAKS.sub(" ", value).strip()


def header_address(value: str) -> str:
    """An address for a header, or "" when it carries a line break (never split it into two)."""
    return "" if _HEADER_BREAKS.search(value) else value.strip()


def backoff(attempts: int) -> timedelta:
    """Wait 1, 2, 4, 8 … minutes between tries, never more than a day."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 24 * 60))


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("送信待ち")
    SENDING = "sending", _("送信中")
    SENT = "sent", _("送信済み")
    FAILED = "failed", _("送れなかった")
    # The worker died during the SMTP conversation: the mail may or may not have gone out,
    # so it is not sent again by itself; staff look and send it again from the admin.
    UNKNOWN = "unknown", _("送れたか分からない")


class Message(models.Model):
    to = models.EmailField(_("宛先"))
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"))
    reply_to = models.EmailField(_("返信先"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    status = models.CharField(
        _("状態"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("送信を試した回数"), default=0)
    next_attempt_at = models.DateTimeField(_("次に送る日時"), default=timezone.now)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    claimed_at = models.DateTimeField(_("送信を始めた日時"), null=True, blank=True)
    claim_token = models.UUIDField(_("送信の受付番号"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("送信メール")
        verbose_name_plural = _("送信メール")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["sent_at", "next_attempt_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    @classmethod
    def queue(cls, *, to: str, subject: str, body: str, reply_to: str = "") -> "Message":
        """Write a message to the outbox. Call inside the transaction of the action.

        The send task is enqueued only once that transaction commits: a rolled-back
        action mails nobody, and the worker never looks for a row it cannot see yet.
        """
        message = cls.objects.create(
            to=to,
            # plain-text mail: やさしい日本語's reading marks stripped (core.ruby)
            subject=one_line_header(ruby.strip(subject))[:200],
            body=ruby.strip(body),
            reply_to=header_address(reply_to),
        )
        from tsunagari.core.tasks import enqueue_on_commit
        from tsunagari.outbox.tasks import send_message

        enqueue_on_commit(send_message, message.pk)
        return message

    # -- transitions; each runs in its own short write transaction -----------------

    @classmethod
    def claim(cls, pk: int) -> "Message | None":
        """Take a due message for sending, or None when it is not there to take.

        The row is locked (PostgreSQL) or the database's write lock is held (SQLite,
        BEGIN IMMEDIATE) between reading the status and writing 送信中, so two workers
        given the same message never both take it.
        """
        now = timezone.now()
        with transaction.atomic():
            message = (
                cls.objects.select_for_update()
                .filter(pk=pk, status=MessageStatus.QUEUED, next_attempt_at__lte=now)
                .first()
            )
            if message is None:
                return None
            message.status = MessageStatus.SENDING
            message.claimed_at = now
            message.claim_token = uuid.uuid4()
            message.save(update_fields=["status", "claimed_at", "claim_token"])
            return message

    def _locked_own_claim(self) -> "Message":
        current = Message.objects.select_for_update().get(pk=self.pk)
        if current.status != MessageStatus.SENDING or current.claim_token != self.claim_token:
            raise InvalidTransition(f"message {self.pk} is no longer being sent by this worker")
        return current

    def mark_sent(self) -> None:
        """送信中 → 送信済み, for the worker that took the message."""
        with transaction.atomic():
            current = self._locked_own_claim()
            current.status = MessageStatus.SENT
            current.attempts += 1
            current.sent_at = timezone.now()
            current.last_error = ""
            current.claim_token = None
            current.save(
                update_fields=["status", "attempts", "sent_at", "last_error", "claim_token"]
            )
        self._copy_from(current)

    def mark_failed(self, error: str) -> None:
        """送信中 → 待ち (tried again after the backoff), or 送れなかった after the last try."""
        with transaction.atomic():
            current = self._locked_own_claim()
            current.attempts += 1
            current.last_error = error[:2000]
            current.claim_token = None
            if current.attempts >= MAX_ATTEMPTS:
                current.status = MessageStatus.FAILED
            else:
                current.status = MessageStatus.QUEUED
                current.next_attempt_at = timezone.now() + backoff(current.attempts)
            current.save(
                update_fields=["status", "attempts", "last_error", "next_attempt_at", "claim_token"]
            )
        self._copy_from(current)

    @classmethod
    def give_up_stale_claims(cls, now: Any = None) -> int:
        """送信中 for longer than CLAIM_STALE_AFTER → 送れたか分からない (never sent again by itself)."""
        cutoff = (now or timezone.now()) - CLAIM_STALE_AFTER
        given_up = 0
        with transaction.atomic():
            for message in cls.objects.select_for_update().filter(
                status=MessageStatus.SENDING, claimed_at__lt=cutoff
            ):
                message.status = MessageStatus.UNKNOWN
                message.claim_token = None
                message.last_error = "送信中に止まりました。届いたかどうか確かめてください。"
                message.save(update_fields=["status", "claim_token", "last_error"])
                given_up += 1
        return given_up

    def retry(self) -> None:
        """Staff send a stopped (or waiting) message again now: → 待ち, attempts from zero."""
        with transaction.atomic():
            current = Message.objects.select_for_update().get(pk=self.pk)
            if current.status in (MessageStatus.SENT, MessageStatus.SENDING):
                raise InvalidTransition(f"message {self.pk} is {current.status}")
            current.status = MessageStatus.QUEUED
            current.attempts = 0
            current.next_attempt_at = timezone.now()
            current.save(update_fields=["status", "attempts", "next_attempt_at"])
            from tsunagari.core.tasks import enqueue_on_commit
            from tsunagari.outbox.tasks import send_message

            enqueue_on_commit(send_message, current.pk)
        self._copy_from(current)

    def _copy_from(self, other: "Message") -> None:
        for field in (
            "status",
            "attempts",
            "sent_at",
            "next_attempt_at",
            "last_error",
            "claimed_at",
            "claim_token",
        ):
            setattr(self, field, getattr(other, field))
