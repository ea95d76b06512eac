"""A system check for the lexicon, run with ``manage.py check --deploy`` (and in CI)."""

from typing import Any

from django.core.checks import CheckMessage, Error, register


@register("navigator", deploy=True)
def lexicon_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from tsunagari.navigator.lexicon import problems

    return [Error(problem, id="navigator.E001") for problem in problems()]
