from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tsunagari.accounts"
    verbose_name = "アカウント"
