from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tsunagari.core"
    verbose_name = "基盤"
