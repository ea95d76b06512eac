"""A system check over the watch data files, so a broken area table stops a deploy."""

from typing import Any

from django.core.checks import Error, Tags, register

from tsunagari.watch.tables import problems


@register(Tags.compatibility)
def watch_tables(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [Error(problem, id="watch.E001") for problem in problems()]
