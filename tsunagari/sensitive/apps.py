from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SensitiveConfig(AppConfig):
    name = "tsunagari.sensitive"
    verbose_name = _("個人にかかわる情報の保護")

    def ready(self) -> None:
        from tsunagari.sensitive import checks  # noqa: F401  (registers the system check)
