from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "tsunagari.supporters"
