from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "tsunagari.outbox"
