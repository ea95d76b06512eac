from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "tsunagari.partners"
    verbose_name = "官民連携プラットフォーム"
