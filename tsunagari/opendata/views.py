"""The HSDS 3.1 API: read-only, public, for anyone (docs/decisions/0028-hsds-open-data.md).

Every answer is built from :func:`tsunagari.opendata.hsds.public_services`, so nothing a
visitor cannot see on the site — and no demo record — is ever published here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tsunagari.core.access import public
from tsunagari.directory.models import Organization, Service, ServiceAtLocation, TaxonomyTerm
from tsunagari.opendata import hsds
from tsunagari.opendata.api import (
    BadRequest,
    Message,
    Query,
    error_response,
    json_response,
    not_found,
    open_to_every_site,
    page_object,
    parse_query,
    words_match,
)
from tsunagari.opendata.openapi import openapi_document
from tsunagari.opendata.validation import SCHEMA_DIR

PROFILE_URL = "https://docs.openreferral.org/en/latest/hsds/overview.html"
SERVICE_FILTERS = ("search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")


def _answers_bad_requests(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadRequest as problem:
            return error_response(400, problem.message, problem.parameter)

    return wrapper


def _taxonomy_ids() -> list[str]:
    return [row["id"] for row in hsds.taxonomies()]


def _taxonomy_code(taxonomy_id: str) -> str:
    return next(row["name"] for row in hsds.taxonomies() if row["id"] == taxonomy_id)


def _services(query: Query) -> list[Service]:
    services: QuerySet[Service] = hsds.public_services().select_related("organization")
    if query.taxonomy_term_id:
        services = services.filter(terms__id=query.taxonomy_term_id)
    if query.taxonomy_id:
        services = services.filter(terms__taxonomy=_taxonomy_code(query.taxonomy_id))
    if query.organization_id:
        services = services.filter(organization_id=query.organization_id)
    if query.modified_after:
        services = services.filter(updated_at__gte=query.modified_after)
    found = list(services.distinct().order_by("name", "id"))
    if query.search:
        found = [
            s
            for s in found
            if words_match(
                " ".join(
                    (
                        s.name,
                        s.alternate_name,
                        s.description,
                        s.eligibility_description,
                        s.organization.name,
                    )
                ),
                query.search,
            )
        ]
    return found


def _public_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(
        is_demo=False, pk__in=hsds.public_services().values("organization_id")
    )


def _parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@public
@open_to_every_site
@require_GET
def root(request: HttpRequest) -> HttpResponse:
    return json_response(
        {
            "version": hsds.HSDS_VERSION,
            "profile": PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("opendata:openapi")),
        }
    )


@public
@open_to_every_site
@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    return json_response(openapi_document(request.build_absolute_uri(reverse("opendata:root"))))


@public
@open_to_every_site
@require_GET
@_answers_bad_requests
def services(request: HttpRequest) -> HttpResponse:
    query = parse_query(request, filters=SERVICE_FILTERS, taxonomy_ids=_taxonomy_ids())
    return json_response(page_object(_services(query), query, hsds.service_row))


@public
@open_to_every_site
@require_GET
def service(request: HttpRequest, pk: str) -> HttpResponse:
    wanted = _parse_id(pk)
    dataset = hsds.Dataset(hsds.public_services().filter(pk=wanted)) if wanted else None
    if not dataset or not dataset.services:
        return not_found(Message(_("この id で公開されている相談先はありません。")))
    return json_response(dataset.service(dataset.services[0]))


@public
@open_to_every_site
@require_GET
@_answers_bad_requests
def organizations(request: HttpRequest) -> HttpResponse:
    query = parse_query(
        request,
        filters=("search", "taxonomy_term_id", "taxonomy_id", "modified_after"),
        taxonomy_ids=_taxonomy_ids(),
    )
    found = _public_organizations()
    if query.taxonomy_term_id or query.taxonomy_id:
        found = found.filter(pk__in=[s.organization_id for s in _services(query)])
    if query.modified_after:
        found = found.filter(updated_at__gte=query.modified_after)
    orgs = list(found.order_by("name", "id"))
    if query.search:
        orgs = [
            o
            for o in orgs
            if words_match(" ".join((o.name, o.alternate_name, o.description)), query.search)
        ]
    public_ids = {o.pk for o in _public_organizations()}
    return json_response(
        page_object(orgs, query, lambda o: hsds.organization_row(o, public_ids=public_ids))
    )


@public
@open_to_every_site
@require_GET
def organization(request: HttpRequest, pk: str) -> HttpResponse:
    wanted = _parse_id(pk)
    dataset = (
        hsds.Dataset(hsds.public_services().filter(organization_id=wanted)) if wanted else None
    )
    if not dataset or not dataset.organizations:
        return not_found(Message(_("この id で公開されている団体はありません。")))
    return json_response(dataset.organization(dataset.organizations[0]))


@public
@open_to_every_site
@require_GET
@_answers_bad_requests
def taxonomies(request: HttpRequest) -> HttpResponse:
    query = parse_query(request, filters=("search",))
    rows = [
        row
        for row in hsds.taxonomies()
        if not query.search or words_match(f"{row['name']} {row['description']}", query.search)
    ]
    return json_response(page_object(rows, query, lambda row: row))


@public
@open_to_every_site
@require_GET
@_answers_bad_requests
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    query = parse_query(request, filters=("search", "taxonomy_id"), taxonomy_ids=_taxonomy_ids())
    rows = [hsds.term(t) for t in TaxonomyTerm.objects.order_by("taxonomy", "position", "code")]
    rows += hsds.extension_terms()
    if query.taxonomy_id:
        rows = [row for row in rows if row["taxonomy_id"] == query.taxonomy_id]
    if query.search:
        rows = [
            row
            for row in rows
            if words_match(f"{row['code']} {row['name']} {row['description']}", query.search)
        ]
    return json_response(page_object(rows, query, lambda row: row))


@public
@open_to_every_site
@require_GET
@_answers_bad_requests
def service_at_locations(request: HttpRequest) -> HttpResponse:
    query = parse_query(request, filters=SERVICE_FILTERS, taxonomy_ids=_taxonomy_ids())
    service_ids = [s.pk for s in _services(query)]
    order = {pk: index for index, pk in enumerate(service_ids)}
    sals = sorted(
        ServiceAtLocation.objects.filter(service_id__in=service_ids),
        key=lambda sal: (order[sal.service_id], str(sal.pk)),
    )
    return json_response(page_object(sals, query, hsds.service_at_location_row))


@public
@open_to_every_site
@require_GET
def schema(request: HttpRequest, name: str) -> HttpResponse:
    """The vendored HSDS schema files the OpenAPI document points at (CC BY-SA 4.0)."""
    files = {p.relative_to(SCHEMA_DIR).as_posix(): p for p in SCHEMA_DIR.rglob("*.json")}
    if name not in files:
        return not_found(Message(_("この名前のスキーマはありません。")))
    return HttpResponse(
        files[name].read_bytes(), content_type="application/schema+json; charset=utf-8"
    )
