"""Template helpers for every page: the ``<html lang>`` tag and lists joined for the reader."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from tsunagari.core.languages import html_lang as bcp47
from tsunagari.core.text import list_separator

register = template.Library()


@register.simple_tag
def html_lang() -> str:
    """The BCP 47 tag of the language the page is written in (ja-easy → ja)."""
    return bcp47(get_language())


@register.filter(is_safe=True)
def join_list(items: Iterable[object], attribute: str = "") -> SafeString:
    """``{{ labels|join_list }}`` or ``{{ terms|join_list:"name" }}``: names joined with the
    translatable list separator (core.text), each escaped."""
    if hasattr(items, "all"):  # a related manager in a template
        items = items.all()
    values: Iterable[Any] = (getattr(item, attribute) if attribute else item for item in items)
    return mark_safe(  # noqa: S308 - every item and the separator are escaped here
        conditional_escape(list_separator()).join(conditional_escape(v) for v in values)
    )


@register.filter
def html_lang_of(code: str) -> str:
    """``lang="…"`` for a language's own name in the switcher (``<option lang>``)."""
    return bcp47(code)


@register.simple_tag(name="list_separator")
def list_separator_tag() -> str:
    """The list separator alone, for a loop that writes more than a name per item."""
    return list_separator()
