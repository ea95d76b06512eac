from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tsunagari.core"
    verbose_name = "基盤"

    def ready(self) -> None:
        from tsunagari.core.languages import add_language_info

        add_language_info()  # やさしい日本語 and Tagalog for the switcher and get_language_info
        # The task queue's admin section is named in English by django-tasks-db; staff read
        # Japanese (the runtime names only, as tsunagari.accounts.apps does for the sign-in ones).
        if "django_tasks_database" in apps.app_configs:
            apps.app_configs["django_tasks_database"].verbose_name = _("バックグラウンドの仕事")  # type: ignore[assignment]
            model = apps.get_model("django_tasks_database", "dbtaskresult")
            model._meta.verbose_name = _("仕事の記録")
            model._meta.verbose_name_plural = _("仕事の記録")
