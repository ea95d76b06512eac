"""A translation of one field of one record into one language (decision 0039).

One table for services, organizations and gatherings alike, portable between SQLite and
PostgreSQL (no array or hstore fields) and with no per-language columns on the core
models: the Japanese in the record stays the source, a row here carries its translation.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagari.translations.fields import fields_of


def translation_languages() -> list[tuple[str, Any]]:
    """Every interface language but Japanese, the language the records are written in."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class ContentTranslation(models.Model):
    content_type = models.ForeignKey(ContentType, verbose_name=_("種類"), on_delete=models.CASCADE)
    object_id = models.UUIDField(_("対象のID"))
    record = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("言語"), max_length=10, choices=translation_languages)
    field = models.CharField(_("項目"), max_length=40)
    text = models.TextField(_("訳"))
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("内容の翻訳")
        verbose_name_plural = _("内容の翻訳")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "field"],
                name="one_translation_per_field_and_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "language"])]

    def __str__(self) -> str:
        return f"{self.field} ({self.language})"

    def clean(self) -> None:
        model = self.content_type.model_class() if self.content_type_id else None
        if model is not None and self.field not in fields_of(model):
            raise ValidationError({"field": _("この項目は翻訳できません。")})
