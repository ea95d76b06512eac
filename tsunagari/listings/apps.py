from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "tsunagari.listings"
    verbose_name = "掲載情報の管理"
