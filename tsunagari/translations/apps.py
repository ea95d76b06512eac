from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "tsunagari.translations"
    verbose_name = "内容の翻訳"
