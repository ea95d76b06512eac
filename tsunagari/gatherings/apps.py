from django.apps import AppConfig


class GatheringsConfig(AppConfig):
    name = "tsunagari.gatherings"
    verbose_name = "居場所・つどい"
