from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "tsunagari.directory"
    verbose_name = "相談先"
