"""The public directory as HSDS 3.1 objects (docs/decisions/0028-hsds-open-data.md).

One :class:`Dataset` holds every public record reachable from a set of services and
writes each entity twice: *flat* (one row of the HSDS tabular package: no arrays, no
nested objects) and *nested* (the API's and the JSON export's fully nested objects).
Both come from the same rows, so the API, the JSON files and the CSV tables agree.

Facts HSDS has no field for — where each record's facts came from (source, date,
confidence), Sakai's area and ward, desk or scheme, 「連絡先は確認中」, holiday rules —
travel as HSDS *attributes* linked to terms of an extra taxonomy, ``tsunagari``. HSDS
readers can ignore them; ``import_hsds`` reads them back, so a round trip loses nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import translation

from tsunagari.directory.models import (
    Accessibility,
    Address,
    Area,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceQuerySet,
    Taxonomy,
    TaxonomyTerm,
    Ward,
)

HSDS_VERSION = "3.1"
# Ids of records that have none of their own (taxonomies, extension terms and attributes,
# service areas) are name-based UUIDs under this namespace: the same in every export.
NAMESPACE = uuid.UUID("6f3b1c0e-8f9a-4f5e-9a43-2b7d6c1e9d20")
EXTENSION = "tsunagari"
TIMEZONE_OFFSET = "+09:00"
END_OF_DAY = "23:59"  # HSDS's end of the day; the directory stores 00:00


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def public_services(today: date | None = None) -> ServiceQuerySet:
    """What open data may publish: the public directory, and never a demo organisation's
    listing — not even in ``DEMO_MODE``, because a copy of open data outlives the demo."""
    return Service.objects.public(today).filter(organization__is_demo=False)


# --- the extension taxonomy -----------------------------------------------------------

PROVENANCE = [
    "source_name",
    "source_url",
    "source_date",
    "confidence",
    "needs_reverification",
    "created_at",
    "updated_at",
]
EXTENSION_FIELDS: dict[type[models.Model], list[str]] = {
    Organization: PROVENANCE,
    Location: PROVENANCE,
    Phone: PROVENANCE,
    # ``updated_at`` of a service is HSDS's own ``last_modified``.
    Service: [name for name in PROVENANCE if name != "updated_at"]
    + [
        "area",
        "ward",
        "kind",
        "hours_text",
        "contact_text",
        "contact_pending",
        "contact_check_url",
        "closes_on_public_holidays",
        "closes_over_new_year",
        "end_date",
    ],
    Address: ["ward"],
    Schedule: ["is_closure"],
}
ENTITY_NAMES: dict[type[models.Model], str] = {
    Organization: "organization",
    Service: "service",
    Location: "location",
    Phone: "phone",
    Address: "address",
    Schedule: "schedule",
}


def extension_field_names() -> list[str]:
    seen: dict[str, None] = {}
    for names in EXTENSION_FIELDS.values():
        seen.update(dict.fromkeys(names))
    return list(seen)


def extension_term_id(field: str) -> str:
    return stable_id("term", EXTENSION, field)


def model_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(name)
    return field


def encode(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def decode(field: models.Field[Any, Any], text: str) -> Any:
    if isinstance(field, models.BooleanField):
        return text == "true"
    if isinstance(field, models.DateTimeField):
        return datetime.fromisoformat(text)
    if isinstance(field, models.DateField):
        return date.fromisoformat(text)
    return text


def _is_default(field: models.Field[Any, Any], value: Any) -> bool:
    if value in (None, ""):
        return True
    if isinstance(field, models.DateTimeField | models.DateField):
        return False
    return field.has_default() and value == field.get_default()


def extension_attributes(obj: models.Model) -> list[dict[str, Any]]:
    """The record's extra facts as HSDS attributes; a field at its default is left out."""
    model = type(obj)
    rows = []
    for name in EXTENSION_FIELDS.get(model, []):
        field = model_field(model, name)
        value = getattr(obj, field.attname)
        if _is_default(field, value):
            continue
        rows.append(
            {
                "id": stable_id("attribute", str(obj.pk), name),
                "link_id": str(obj.pk),
                "link_type": name,
                "link_entity": ENTITY_NAMES[model],
                "taxonomy_term_id": extension_term_id(name),
                "value": encode(value),
            }
        )
    return rows


# --- taxonomies -------------------------------------------------------------------------


def taxonomy_id(code: str) -> str:
    return stable_id("taxonomy", code)


def taxonomies() -> list[dict[str, Any]]:
    rows = [
        {
            "id": taxonomy_id(str(choice.value)),
            "name": str(choice.value),
            "description": str(choice.label),
        }
        for choice in Taxonomy
    ]
    rows.append(
        {
            "id": taxonomy_id(EXTENSION),
            "name": EXTENSION,
            "description": "つながり（堺市）独自の項目: 出典・確かさ・対象地域・受付時間の表記など",
        }
    )
    return rows


def term(term: TaxonomyTerm) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": str(term.pk),
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy,
        "taxonomy_id": taxonomy_id(term.taxonomy),
        "language": term.language,
    }
    if term.parent_id:
        row["parent_id"] = str(term.parent_id)
    return row


def extension_terms() -> list[dict[str, Any]]:
    """One term per extra field, named with the field's (Japanese) label."""
    labels: dict[str, str] = {}
    with translation.override("ja"):
        for model, names in EXTENSION_FIELDS.items():
            for name in names:
                labels.setdefault(name, str(model_field(model, name).verbose_name))
    return [
        {
            "id": extension_term_id(name),
            "code": name,
            "name": labels[name],
            "description": labels[name],
            "taxonomy": EXTENSION,
            "taxonomy_id": taxonomy_id(EXTENSION),
            "language": "ja",
        }
        for name in extension_field_names()
    ]


# --- one record, flat -------------------------------------------------------------------


def _text(row: dict[str, Any], obj: models.Model, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value not in (None, ""):
            row[name] = value


def _ids(row: dict[str, Any], obj: models.Model, *names: str) -> None:
    for name in names:
        value = getattr(obj, f"{name}_id")
        if value is not None:
            row[f"{name}_id"] = str(value)


def hsds_time(value: time | None, *, closing: bool) -> str | None:
    if value is None:
        return None
    text = value.strftime("%H:%M")
    if closing and text == "00:00":
        text = END_OF_DAY
    return text + TIMEZONE_OFFSET


def organization_row(org: Organization, *, public_ids: set[Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(org.pk), "name": org.name, "description": org.description}
    _text(row, org, "alternate_name", "email", "website", "legal_status")
    if org.parent_organization_id in public_ids:
        row["parent_organization_id"] = str(org.parent_organization_id)
    return row


def service_row(service: Service) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(service.pk), "organization_id": str(service.organization_id)}
    row["name"] = service.name
    row["status"] = service.status
    _text(
        row,
        service,
        "alternate_name",
        "description",
        "url",
        "email",
        "interpretation_services",
        "application_process",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "alert",
    )
    if service.assured_date:
        row["assured_date"] = service.assured_date.isoformat()
    row["last_modified"] = service.updated_at.isoformat()
    return row


def location_row(location: Location) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(location.pk), "location_type": location.location_type}
    _ids(row, location, "organization")
    _text(row, location, "url", "name", "alternate_name", "description", "transportation")
    for name in ("latitude", "longitude"):
        value = getattr(location, name)
        if value is not None:
            row[name] = float(value)
    return row


def address_row(address: Address) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(address.pk), "location_id": str(address.location_id)}
    _text(row, address, "attention", "address_2", "region")
    for name in ("address_1", "city", "state_province", "postal_code", "country"):
        row[name] = getattr(address, name)
    row["address_type"] = address.address_type
    return row


def service_at_location_row(sal: ServiceAtLocation) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(sal.pk)}
    _ids(row, sal, "service", "location")
    _text(row, sal, "description")
    return row


def phone_row(phone: Phone) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(phone.pk)}
    _ids(row, phone, "location", "service", "organization")
    row["number"] = phone.number
    if phone.extension.isdigit():
        row["extension"] = int(phone.extension)
    _text(row, phone, "type", "description")
    return row


def schedule_row(schedule: Schedule) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(schedule.pk)}
    _ids(row, schedule, "service", "location", "service_at_location")
    for name in ("valid_from", "valid_to"):
        value = getattr(schedule, name)
        if value:
            row[name] = value.isoformat()
    row["timezone"] = 9
    row["freq"] = schedule.freq
    row["interval"] = schedule.interval
    _text(row, schedule, "byday", "bymonthday", "description", "notes")
    opens = hsds_time(schedule.opens_at, closing=False)
    closes = hsds_time(schedule.closes_at, closing=True)
    if opens:
        row["opens_at"] = opens
    if closes:
        row["closes_at"] = closes
    return row


def language_row(language: Language) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(language.pk)}
    _ids(row, language, "service", "location", "phone")
    row["name"] = language.name
    _text(row, language, "code", "note")
    return row


def accessibility_row(item: Accessibility) -> dict[str, Any]:
    row: dict[str, Any] = {"id": str(item.pk), "location_id": str(item.location_id)}
    _text(row, item, "description", "details", "url")
    return row


def attribute_row(attribute: Attribute) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": str(attribute.pk),
        "link_id": str(attribute.service_id),
        "link_entity": "service",
        "taxonomy_term_id": str(attribute.taxonomy_term_id),
    }
    _text(row, attribute, "value", "label")
    return row


def service_area_row(service: Service) -> dict[str, Any]:
    """Where a service is for, in words (derived from ``area`` and ``ward``)."""
    with translation.override("ja"):
        if service.area == Area.WARD and service.ward:
            name = str(Ward(service.ward).label)
        else:
            name = str(Area(service.area).label)
    return {"id": stable_id("service_area", str(service.pk)), "service_id": str(service.pk)} | {
        "name": name
    }


# --- the whole public scope -------------------------------------------------------------


def _by(rows: Iterable[Any], attname: str) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        key = getattr(row, attname)
        if key is not None:
            grouped[key].append(row)
    return grouped


class Dataset:
    """Every public record reachable from ``services`` (a queryset of public services)."""

    def __init__(self, services: ServiceQuerySet) -> None:
        self.services = list(services.select_related("organization").order_by("name", "id"))
        service_ids = [s.pk for s in self.services]
        org_ids = {s.organization_id for s in self.services}
        self.organizations = list(
            Organization.objects.filter(pk__in=org_ids).order_by("name", "id")
        )
        self.sals = list(
            ServiceAtLocation.objects.filter(service_id__in=service_ids).order_by("id")
        )
        location_ids = {sal.location_id for sal in self.sals}
        self.locations = list(Location.objects.filter(pk__in=location_ids).order_by("name", "id"))
        self.addresses = list(Address.objects.filter(location_id__in=location_ids).order_by("id"))
        self.phones = list(
            Phone.objects.filter(
                models.Q(service_id__in=service_ids)
                | models.Q(location_id__in=location_ids)
                | models.Q(organization_id__in=org_ids)
            ).order_by("id")
        )
        phone_ids = [p.pk for p in self.phones]
        sal_ids = [sal.pk for sal in self.sals]
        self.schedules = list(
            Schedule.objects.filter(
                models.Q(service_id__in=service_ids)
                | models.Q(location_id__in=location_ids)
                | models.Q(service_at_location_id__in=sal_ids)
            ).order_by("id")
        )
        self.languages = list(
            Language.objects.filter(
                models.Q(service_id__in=service_ids)
                | models.Q(location_id__in=location_ids)
                | models.Q(phone_id__in=phone_ids)
            ).order_by("id")
        )
        self.accessibility = list(
            Accessibility.objects.filter(location_id__in=location_ids).order_by("id")
        )
        self.attributes = list(Attribute.objects.filter(service_id__in=service_ids).order_by("id"))
        self.terms = list(TaxonomyTerm.objects.order_by("taxonomy", "position", "code", "id"))
        self.org_ids = org_ids
        self._phones = {
            k: _by(self.phones, k) for k in ("service_id", "location_id", "organization_id")
        }
        self._schedules = {
            k: _by(self.schedules, k)
            for k in ("service_id", "location_id", "service_at_location_id")
        }
        self._languages = {
            k: _by(self.languages, k) for k in ("service_id", "location_id", "phone_id")
        }
        self._addresses = _by(self.addresses, "location_id")
        self._accessibility = _by(self.accessibility, "location_id")
        self._attributes = _by(self.attributes, "service_id")
        self._sals = _by(self.sals, "service_id")
        self._locations = {location.pk: location for location in self.locations}
        self._org_locations = _by(self.locations, "organization_id")
        self._orgs = {org.pk: org for org in self.organizations}

    # flat rows, one list per HSDS table (the tabular package)
    def tables(self) -> dict[str, list[dict[str, Any]]]:
        attributes = [attribute_row(a) for a in self.attributes]
        for records in (
            self.organizations,
            self.services,
            self.locations,
            self.addresses,
            self.phones,
            self.schedules,
        ):
            for record in records:
                attributes.extend(extension_attributes(record))
        return {
            "organization": [
                organization_row(o, public_ids=self.org_ids) for o in self.organizations
            ],
            "service": [service_row(s) for s in self.services],
            "location": [location_row(x) for x in self.locations],
            "service_at_location": [service_at_location_row(x) for x in self.sals],
            "phone": [phone_row(x) for x in self.phones],
            "address": [address_row(x) for x in self.addresses],
            "schedule": [schedule_row(x) for x in self.schedules],
            "service_area": [service_area_row(s) for s in self.services],
            "language": [language_row(x) for x in self.languages],
            "accessibility": [accessibility_row(x) for x in self.accessibility],
            "attribute": attributes,
            "taxonomy_term": [term(t) for t in self.terms] + extension_terms(),
            "taxonomy": taxonomies(),
        }

    # nested objects (the API and the JSON export)
    def _languages_of(self, key: str, pk: Any) -> list[dict[str, Any]]:
        return [language_row(x) for x in self._languages[key].get(pk, [])]

    def phone(self, phone: Phone) -> dict[str, Any]:
        return _nest(
            phone_row(phone),
            languages=self._languages_of("phone_id", phone.pk),
            attributes=extension_attributes(phone),
        )

    def schedule(self, schedule: Schedule) -> dict[str, Any]:
        return _nest(schedule_row(schedule), attributes=extension_attributes(schedule))

    def location(self, location: Location) -> dict[str, Any]:
        return _nest(
            location_row(location),
            languages=self._languages_of("location_id", location.pk),
            addresses=[
                _nest(address_row(a), attributes=extension_attributes(a))
                for a in self._addresses.get(location.pk, [])
            ],
            accessibility=[accessibility_row(x) for x in self._accessibility.get(location.pk, [])],
            phones=[self.phone(p) for p in self._phones["location_id"].get(location.pk, [])],
            schedules=[
                self.schedule(x) for x in self._schedules["location_id"].get(location.pk, [])
            ],
            attributes=extension_attributes(location),
        )

    def service_at_location(self, sal: ServiceAtLocation) -> dict[str, Any]:
        row = _nest(
            service_at_location_row(sal),
            schedules=[
                self.schedule(x) for x in self._schedules["service_at_location_id"].get(sal.pk, [])
            ],
        )
        row["location"] = self.location(self._locations[sal.location_id])
        return row

    def organization(self, org: Organization) -> dict[str, Any]:
        return _nest(
            organization_row(org, public_ids=self.org_ids),
            phones=[self.phone(p) for p in self._phones["organization_id"].get(org.pk, [])],
            locations=[self.location(x) for x in self._org_locations.get(org.pk, [])],
            attributes=extension_attributes(org),
        )

    def service(self, service: Service) -> dict[str, Any]:
        row = _nest(
            service_row(service),
            phones=[self.phone(p) for p in self._phones["service_id"].get(service.pk, [])],
            schedules=[self.schedule(x) for x in self._schedules["service_id"].get(service.pk, [])],
            service_areas=[service_area_row(service)],
            service_at_locations=[
                self.service_at_location(x) for x in self._sals.get(service.pk, [])
            ],
            languages=self._languages_of("service_id", service.pk),
            attributes=[attribute_row(a) for a in self._attributes.get(service.pk, [])]
            + extension_attributes(service),
        )
        row["organization"] = organization_row(
            self._orgs[service.organization_id], public_ids=self.org_ids
        )
        return row

    def nested_services(self) -> Iterator[dict[str, Any]]:
        return (self.service(s) for s in self.services)

    def nested_organizations(self) -> Iterator[dict[str, Any]]:
        return (self.organization(o) for o in self.organizations)


def _nest(row: dict[str, Any], **arrays: list[dict[str, Any]]) -> dict[str, Any]:
    """``row`` with its non-empty arrays."""
    return row | {name: items for name, items in arrays.items() if items}


def as_decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))
