from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "tsunagari.dashboard"
