"""Need codes, audiences and contact channels (HSDS taxonomy_term)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Taxonomy(models.TextChoices):
    NEED = "need", _("お悩み")
    AUDIENCE = "audience", _("対象")
    CHANNEL = "channel", _("相談方法")


class TaxonomyTerm(models.Model):
    """A need code (../shared/spec/needs.md), an audience or a contact channel."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.CharField(_("分類"), max_length=20, choices=Taxonomy.choices)
    code = models.CharField(_("コード"), max_length=50)
    name = models.CharField(_("名前"), max_length=100)
    description = models.TextField(_("説明"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("親"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    language = models.CharField(_("言語"), max_length=10, default="ja")
    position = models.PositiveSmallIntegerField(_("並び順"), default=0)

    class Meta:
        verbose_name = _("分類の用語")
        verbose_name_plural = _("分類の用語")
        ordering = ["taxonomy", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code")
        ]

    def __str__(self) -> str:
        return self.name
