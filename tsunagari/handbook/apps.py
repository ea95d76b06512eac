from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "tsunagari.handbook"
    verbose_name = _("ハンドブックとポスター")
