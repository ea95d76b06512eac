from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "tsunagari.council"
    verbose_name = _("孤独・孤立対策地域協議会")
