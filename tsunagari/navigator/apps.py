from django.apps import AppConfig


class NavigatorConfig(AppConfig):
    name = "tsunagari.navigator"

    def ready(self) -> None:
        from tsunagari.navigator import checks  # noqa: F401 - registers the lexicon check
        from tsunagari.navigator.index import connect_signals

        connect_signals()
