from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "tsunagari.opendata"
    verbose_name = "オープンデータ"
