"""E-mail written in the same transaction as the action that causes it.

Nothing sends mail inline: a view calls :meth:`Message.queue` inside its
transaction, and ``manage.py send_outbox`` delivers over SMTP, retrying failures.
An action therefore never gets lost because a mail server was down.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
        return cls.objects.create(to=to, subject=subject[:200], body=body, reply_to=reply_to)
