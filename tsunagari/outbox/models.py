"""E-mail written in the same transaction as the action that causes it.

Nothing sends mail inline: a view calls :meth:`Message.queue` inside its
transaction, and ``manage.py send_outbox`` delivers over SMTP, retrying failures.
An action therefore never gets lost because a mail server was down.
"""

import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Line breaks and other control characters end a mail header; in a subject they are a space.
_HEADER_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line_header(value: str) -> str:
    """A header value as one line: a name with a line break never breaks (or injects into) a mail."""
    return _HEADER_BREAKS.sub(" ", value).strip()


def header_address(value: str) -> str:
    """An address for a header, or "" when it carries a line break (never split it into two)."""
    return "" if _HEADER_BREAKS.search(value) else value.strip()


class Message(models.Model):
    to = models.EmailField(_("宛先"))
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"))
    reply_to = models.EmailField(_("返信先"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("送信を試した回数"), default=0)
    next_attempt_at = models.DateTimeField(_("次に送る日時"), default=timezone.now)
    last_error = models.TextField(_("最後のエラー"), blank=True)

    class Meta:
        verbose_name = _("送信メール")
        verbose_name_plural = _("送信メール")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    @classmethod
    def queue(cls, *, to: str, subject: str, body: str, reply_to: str = "") -> "Message":
        """Write a message to the outbox. Call inside the transaction of the action."""
        return cls.objects.create(
            to=to,
            subject=one_line_header(subject)[:200],
            body=body,
            reply_to=header_address(reply_to),
        )
