from django.apps import AppConfig


class GatheringsConfig(AppConfig):
    name = "tsunagari.gatherings"
