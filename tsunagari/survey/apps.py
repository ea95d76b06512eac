from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "tsunagari.survey"
    verbose_name = _("実態把握調査")

    def ready(self) -> None:
        checks.register(check_reference_figures)


def check_reference_figures(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The published figures file must read cleanly (each figure a number with its source)."""
    from tsunagari.survey import reference

    try:
        reference.read()
    except (OSError, ValueError) as error:
        return [checks.Error(str(error), id="survey.E001")]
    return []
