"""HSDS tabular rows → directory records. Called inside one transaction by
:func:`tsunagari.opendata.services.dataset_import`; any problem raises
:class:`~tsunagari.opendata.package.Refused` naming the row, and nothing stays written."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tsunagari.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    ReviewStatus,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tsunagari.opendata.hsds import (
    END_OF_DAY,
    ENTITY_NAMES,
    EXTENSION,
    EXTENSION_FIELDS,
    as_decimal,
    decode,
    extension_term_id,
    model_field,
)
from tsunagari.opendata.package import Refused, Row

PLAIN = {
    Organization: ["name", "alternate_name", "description", "email", "website", "legal_status"],
    Service: [
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "alert",
    ],
    Location: ["location_type", "url", "name", "alternate_name", "description", "transportation"],
    Address: [
        "attention",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    ServiceAtLocation: ["description"],
    Phone: ["number", "type", "description"],
    Schedule: ["freq", "interval", "byday", "bymonthday", "description", "notes"],
    Language: ["name", "code", "note"],
    Accessibility: ["description", "details", "url"],
}
LINKS = {
    Service: ["organization"],
    Location: ["organization"],
    Address: ["location"],
    ServiceAtLocation: ["service", "location"],
    Phone: ["service", "location", "organization"],
    Schedule: ["service", "location", "service_at_location"],
    Language: ["service", "location", "phone"],
    Accessibility: ["location"],
}
MODELS_BY_TABLE: dict[str, type[models.Model]] = {
    "organization": Organization,
    "service": Service,
    "location": Location,
    "address": Address,
    "service_at_location": ServiceAtLocation,
    "phone": Phone,
    "schedule": Schedule,
    "language": Language,
    "accessibility": Accessibility,
}
TIMESTAMPED = (Organization, Service, Location, Phone)


def _time(text: str | None, *, closing: bool) -> time | None:
    if not text:
        return None
    clock = text[:5]
    if closing and clock == END_OF_DAY:
        return time(0, 0)
    return time.fromisoformat(clock)


class Importer:
    def __init__(self, tables: dict[str, list[Row]]) -> None:
        self.tables = tables
        self.counts: dict[str, int] = defaultdict(int)
        self.extra: dict[str, dict[str, Any]] = defaultdict(dict)
        self.term_ids: dict[str, uuid.UUID] = {}
        self.ids: dict[type[models.Model], set[str]] = defaultdict(set)
        self.last_modified = {
            row.values["id"]: row.values["last_modified"]
            for row in tables["service"]
            if "last_modified" in row.values
        }

    def run(self) -> dict[str, int]:
        self._read_extensions()
        self._terms()
        for table in (
            "organization",
            "service",
            "location",
            "address",
            "service_at_location",
            "phone",
            "schedule",
            "language",
            "accessibility",
        ):
            model = MODELS_BY_TABLE[table]
            for row in self.tables[table]:
                self._save(model, row)
        self._parents()
        self._attributes()
        return dict(self.counts)

    # the extension taxonomy: facts HSDS has no field for
    def _read_extensions(self) -> None:
        allowed = {
            (ENTITY_NAMES[model], name)
            for model, names in EXTENSION_FIELDS.items()
            for name in names
        }
        for row in self.tables["attribute"]:
            values = row.values
            if values.get("taxonomy_term_id") != extension_term_id(values.get("link_type", "")):
                continue
            key = (values.get("link_entity", ""), values["link_type"])
            if key not in allowed or "link_id" not in values:
                raise Refused(
                    row.where,
                    _("%(entity)s に「%(field)s」という項目はありません。")
                    % {"entity": key[0], "field": key[1]},
                )
            self.extra[values["link_id"]][values["link_type"]] = (row, values.get("value", ""))

    def _terms(self) -> None:
        known = {str(choice.value) for choice in Taxonomy}
        position: dict[str, int] = defaultdict(int)
        for row in self.tables["taxonomy_term"]:
            values = row.values
            taxonomy = values.get("taxonomy", "")
            if taxonomy == EXTENSION:
                continue
            if taxonomy not in known or "code" not in values:
                raise Refused(
                    f"{row.where} taxonomy",
                    _("分類「%(taxonomy)s」はつながりにありません（使えるのは %(known)s）。")
                    % {"taxonomy": taxonomy, "known": ", ".join(sorted(known))},
                )
            term = (
                TaxonomyTerm.objects.filter(pk=values["id"]).first()
                or TaxonomyTerm.objects.filter(taxonomy=taxonomy, code=values["code"]).first()
                or TaxonomyTerm(id=values["id"])
            )
            term.taxonomy, term.code, term.name = taxonomy, values["code"], values["name"]
            term.description = values.get("description", "")
            term.language = values.get("language", "ja")
            term.position = position[taxonomy]
            position[taxonomy] += 1
            self._clean_and_save(term, row)
            self.term_ids[values["id"]] = term.pk
        for row in self.tables["taxonomy_term"]:
            parent = row.values.get("parent_id")
            if parent and row.values["id"] in self.term_ids:
                TaxonomyTerm.objects.filter(pk=self.term_ids[row.values["id"]]).update(
                    parent_id=self._term(parent, row, "parent_id")
                )

    def _term(self, term_id: str, row: Row, column: str) -> uuid.UUID:
        if term_id not in self.term_ids:
            raise Refused(
                f"{row.where} {column}",
                _("taxonomy_terms.csv にない用語です: %(id)s") % {"id": term_id},
            )
        return self.term_ids[term_id]

    def _clean_and_save(self, obj: models.Model, row: Row) -> None:
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise Refused(f"{row.where} {field}", " ".join(messages)) from None
        obj.save()

    def _save(self, model: type[models.Model], row: Row) -> None:
        values = row.values
        obj = model._default_manager.filter(pk=values["id"]).first() or model(id=values["id"])
        for name in PLAIN[model]:
            field = model._meta.get_field(name)
            default = field.get_default() if isinstance(field, models.Field) else None
            setattr(obj, name, values.get(name, default))
        for link in LINKS.get(model, []):
            target = values.get(f"{link}_id")
            related = model._meta.get_field(link).related_model
            if target and target not in self.ids[related]:  # type: ignore[index]
                raise Refused(
                    f"{row.where} {link}_id",
                    _("このファイルにない %(entity)s です: %(id)s")
                    % {"entity": link, "id": target},
                )
            setattr(obj, f"{link}_id", target)
        self._special(obj, values)
        stamps = self._apply_extensions(obj)
        self._clean_and_save(obj, row)
        if stamps:
            model._default_manager.filter(pk=obj.pk).update(**stamps)
        self.ids[model].add(values["id"])
        self.counts[model._meta.model_name or ""] += 1

    def _special(self, obj: models.Model, values: dict[str, Any]) -> None:
        if isinstance(obj, Service):
            obj.review_status = ReviewStatus.PUBLISHED
            obj.assured_date = (
                date.fromisoformat(values["assured_date"]) if "assured_date" in values else None
            )
        elif isinstance(obj, Location):
            for name in ("latitude", "longitude"):
                setattr(obj, name, as_decimal(values[name]) if name in values else None)
        elif isinstance(obj, Phone):
            obj.extension = str(values.get("extension", ""))
        elif isinstance(obj, Schedule):
            obj.opens_at = _time(values.get("opens_at"), closing=False)
            obj.closes_at = _time(values.get("closes_at"), closing=True)
            for name in ("valid_from", "valid_to"):
                setattr(obj, name, date.fromisoformat(values[name]) if name in values else None)
        elif isinstance(obj, Organization):
            obj.parent_organization_id = None  # set once every organisation exists

    def _apply_extensions(self, obj: models.Model) -> dict[str, Any]:
        """Set the extension fields (defaults where absent); return the timestamps to restore."""
        model = type(obj)
        given = self.extra.get(str(obj.pk), {})
        stamps: dict[str, Any] = {}
        for name in EXTENSION_FIELDS.get(model, []):
            field = model_field(model, name)
            if name not in given:
                if name not in ("created_at", "updated_at"):
                    setattr(obj, name, field.get_default())
                continue
            row, text = given[name]
            try:
                value = decode(field, text)
            except ValueError:
                raise Refused(
                    row.where,
                    _("「%(field)s」の値が読めません: %(value)s") % {"field": name, "value": text},
                ) from None
            if field.choices and value not in {choice[0] for choice in field.choices}:
                raise Refused(
                    row.where,
                    _("「%(field)s」の値が読めません: %(value)s") % {"field": name, "value": text},
                )
            if name in ("created_at", "updated_at"):
                stamps[name] = value
            else:
                setattr(obj, name, value)
        if isinstance(obj, Service) and str(obj.pk) in self.last_modified:
            stamps["updated_at"] = datetime.fromisoformat(self.last_modified[str(obj.pk)])
        return stamps

    def _parents(self) -> None:
        for row in self.tables["organization"]:
            parent = row.values.get("parent_organization_id")
            if parent:
                if parent not in self.ids[Organization]:
                    raise Refused(
                        f"{row.where} parent_organization_id",
                        _("このファイルにない %(entity)s です: %(id)s")
                        % {"entity": "organization", "id": parent},
                    )
                Organization.objects.filter(pk=row.values["id"]).update(
                    parent_organization_id=parent
                )

    def _attributes(self) -> None:
        for row in self.tables["attribute"]:
            values = row.values
            if values.get("taxonomy_term_id") == extension_term_id(values.get("link_type", "")):
                continue
            if values.get("link_entity", "service") != "service":
                raise Refused(
                    f"{row.where} link_entity",
                    _("分類づけは service にだけ読み込めます: %(entity)s")
                    % {"entity": values["link_entity"]},
                )
            service = values.get("link_id", "")
            if service not in self.ids[Service]:
                raise Refused(
                    f"{row.where} link_id",
                    _("このファイルにない %(entity)s です: %(id)s")
                    % {"entity": "service", "id": service},
                )
            term = self._term(values.get("taxonomy_term_id", ""), row, "taxonomy_term_id")
            attribute = Attribute.objects.filter(service_id=service, taxonomy_term_id=term).first()
            if attribute is None:
                attribute = Attribute.objects.filter(pk=values["id"]).first() or Attribute(
                    id=values["id"]
                )
            attribute.service_id = uuid.UUID(service)
            attribute.taxonomy_term_id = term
            attribute.value = values.get("value", "")
            attribute.label = values.get("label", "")
            self._clean_and_save(attribute, row)
            self.counts["attribute"] += 1
