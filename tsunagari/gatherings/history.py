"""A gathering's history, kept in the listings' field-level change log (resource_type "gathering").

Values are stored as plain codes (``weekly``, ``2026-12-01``, ``elderly,child``) so the
record does not depend on the interface language; they are shown with their labels.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tsunagari.core.text import join_list
from tsunagari.directory.models import TaxonomyTerm
from tsunagari.gatherings.forms import GatheringForm
from tsunagari.gatherings.models import Gathering
from tsunagari.listings.models import ListingChange


def _raw(gathering: Gathering, field: str) -> str:
    if field == "audiences":
        return ",".join(sorted(term.code for term in gathering.audiences.all()))
    value = getattr(gathering, field)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat(timespec="minutes") if field.endswith("_time") else value)
    return str(value)


def snapshot(gathering: Gathering) -> dict[str, str]:
    """The organiser-editable fields as stored history values."""
    return {field: _raw(gathering, field) for field in GatheringForm.Meta.fields}


@dataclass(frozen=True)
class Row:
    change: ListingChange
    label: str
    before: str
    after: str


def _label(field: str) -> str:
    if field == "cancelled":
        return _("中止する回")
    try:
        model_field: Any = Gathering._meta.get_field(field)
        return str(model_field.verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since; show its name
        return field


def _shown(field: str, value: str, audiences: dict[str, str]) -> str:
    if not value:
        return ""
    if field == "audiences":
        return join_list(audiences.get(code, code) for code in value.split(","))
    try:
        model_field: Any = Gathering._meta.get_field(field)
    except Exception:  # noqa: BLE001
        return value
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(_typed(model_field, value), value))
    if model_field.get_internal_type() == "BooleanField":
        return _("はい") if value == "True" else _("いいえ")
    return value


def _typed(model_field: Any, value: str) -> Any:
    return int(value) if model_field.get_internal_type().endswith("IntegerField") else value


def history_rows(gathering: Gathering) -> list[Row]:
    audiences = {
        term.code: str(term.name) for term in TaxonomyTerm.objects.filter(taxonomy="audience")
    }
    return [
        Row(
            change=change,
            label=_label(change.field_name),
            before=_shown(change.field_name, change.previous_value, audiences),
            after=_shown(change.field_name, change.replacement_value, audiences),
        )
        for change in gathering.history()
    ]
