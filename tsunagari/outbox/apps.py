from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "tsunagari.outbox"
    verbose_name = "メールの送信"
