"""Records as the reader should see them: translated where a translation exists, the
Japanese otherwise, and a flag so the page can say so once (decision 0039).

    attach([service], get_language())   # one query per kind of record
    {{ service.content.name }}          # the translation, or the Japanese
    <h1{{ service.content.name.lang_attr }}>  # lang="ja" on Japanese in a foreign page
    {% if service.content.missing %}…{% endif %}

Only the fields listed in translations.fields are looked up; everything else (phone
numbers, hours as data, addresses) is shown as it is.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from tsunagari.core.languages import html_lang
from tsunagari.translations.fields import fields_of
from tsunagari.translations.models import ContentTranslation


class ContentText(str):
    """A field's text; ``fallback`` when it is the Japanese shown for want of a translation."""

    fallback: bool = False
    in_japanese_page: bool = True

    @property
    def lang_attr(self) -> SafeString:
        """`` lang="ja"`` when Japanese stands in a page in another language, else nothing
        (a やさしい日本語 page is lang="ja" already)."""
        if self.fallback and not self.in_japanese_page:
            return format_html(' lang="{}"', "ja")
        return mark_safe("")


def _text(value: str, *, fallback: bool, page_lang: str) -> ContentText:
    text = ContentText(value)
    text.fallback = fallback
    text.in_japanese_page = page_lang == "ja"
    return text


def shown_text(original: str, translated: str, language: str) -> ContentText:
    """The translation when there is one, else the Japanese, marked as a fallback when the
    reader chose another language."""
    page_lang = html_lang(language)
    if translated.strip():
        return _text(translated.strip(), fallback=False, page_lang=page_lang)
    fallback = language != settings.LANGUAGE_CODE and bool(original.strip())
    return _text(original, fallback=fallback, page_lang=page_lang)


class Content:
    """The translatable fields of one record in one language."""

    def __init__(self, record: Any, texts: dict[str, str], language: str) -> None:
        self.language = language
        self._values: dict[str, ContentText] = {
            name: shown_text(str(getattr(record, name, "") or ""), texts.get(name, ""), language)
            for name in fields_of(type(record))
        }
        self.missing = any(value.fallback for value in self._values.values())

    def __getattr__(self, name: str) -> ContentText:
        values = self.__dict__.get("_values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def texts_for(model: type, pks: Iterable[Any], language: str) -> dict[str, dict[str, str]]:
    """{str(pk): {field: text}} of one model's records in one language (one query)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    ids = [pk for pk in pks if _is_uuid(pk)]
    if language == settings.LANGUAGE_CODE or not ids:
        return found
    rows = ContentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=ids,
        language=language,
    ).values_list("object_id", "field", "text")
    for object_id, field, text in rows:
        found[str(object_id)][field] = text
    return found


def translations_for(
    records: Sequence[Any], language: str
) -> dict[tuple[type, str], dict[str, str]]:
    """{(model, str(pk)): {field: text}} for these records, one query per model."""
    found: dict[tuple[type, str], dict[str, str]] = {}
    by_model: dict[type, list[Any]] = defaultdict(list)
    for record in records:
        by_model[type(record)].append(record.pk)
    for model, pks in by_model.items():
        for pk, texts in texts_for(model, pks, language).items():
            found[(model, pk)] = texts
    return found


def attach(records: Iterable[Any], language: str | None = None) -> list[Any]:
    """Give each record a ``content`` attribute (a Content) in the reader's language."""
    records = list(records)
    language = language or get_language() or settings.LANGUAGE_CODE
    found = translations_for(records, language)
    for record in records:
        record.content = Content(record, found.get((type(record), str(record.pk)), {}), language)
    return records


def content_of(record: Any, language: str | None = None) -> Content:
    """One record's Content (for a detail page)."""
    return attach([record], language)[0].content  # type: ignore[no-any-return]
