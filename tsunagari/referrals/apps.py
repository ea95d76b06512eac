from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "tsunagari.referrals"
    verbose_name = _("つなぎ")
    default_auto_field = "django.db.models.BigAutoField"
