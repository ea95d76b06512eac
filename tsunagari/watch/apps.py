from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "tsunagari.watch"
    verbose_name = "見守り"

    def ready(self) -> None:
        from tsunagari.watch import checks  # noqa: F401 — registers the data-file system check
