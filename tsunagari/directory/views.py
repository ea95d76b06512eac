"""Public pages of the directory: home, browse by need, browse by ward, search, a service."""

import unicodedata
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagari.core.access import public
from tsunagari.directory.models import Area, Service, Ward
from tsunagari.directory.needs import AUDIENCES, CHANNELS, NEEDS, NEEDS_BY_CODE
from tsunagari.directory.search import matching
from tsunagari.translations.content import attach

CHANNEL_LABELS = dict(CHANNELS)
AUDIENCE_LABELS = dict(AUDIENCES)

SEARCH_MAX_CHARS = 100
PAGE_SIZE = 20
# Ward first, then city-wide, then prefecture and national services.
AREA_ORDER = {Area.WARD: 0, Area.CITY: 1, Area.PREFECTURE: 2, Area.NATIONAL: 3}


def listing_queryset() -> QuerySet[Service]:
    return (
        Service.objects.public()
        .select_related("organization")
        .prefetch_related("terms", "schedules", "phones")
    )


def parse_ward(value: str | None) -> str:
    return value if value in Ward.values else ""


def ranked(services: Any, ward: str = "") -> list[tuple[Service, Any]]:
    """Pair each service with its opening status and order them for a person looking now:
    their own ward first, then what is open now, then city-wide before national, then by name."""
    now = timezone.now()
    open_rank = {"open": 0, "unknown": 1, "closed": 2}

    def key(item: tuple[Service, Any]) -> tuple[int, int, int, str]:
        service, status = item
        own_ward = 0 if ward and service.ward == ward else 1
        return (
            own_ward,
            open_rank[status.state],
            AREA_ORDER.get(Area(service.area), 9),
            service.name,
        )

    return sorted(((service, service.opening_status(now)) for service in services), key=key)


def in_reader_language(items: Iterable[tuple[Service, Any]]) -> bool:
    """Translate the listed services' names (and their organizations'); True when some
    stay in Japanese for want of a translation, so the list can say so once."""
    services: list[Any] = [service for service, _status in items]
    attach(services + [service.organization for service in services])
    return any(s.content.name.fallback or s.organization.content.name.fallback for s in services)


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/home.html",
        {"needs": NEEDS, "wards": Ward.sakai_wards()},
    )


@public
@require_GET
def need_detail(request: HttpRequest, code: str) -> HttpResponse:
    need = NEEDS_BY_CODE.get(code)
    if need is None:
        raise Http404
    ward = parse_ward(request.GET.get("ward"))
    services = listing_queryset().filter(terms__taxonomy="need", terms__code=code).distinct()
    if ward:
        services = services.filter(Q(ward=ward) | ~Q(area=Area.WARD))
    page = Paginator(ranked(services, ward), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/need_detail.html",
        {
            "need": need,
            "ward": ward,
            "ward_label": Ward(ward).label if ward else "",
            "wards": Ward.sakai_wards(),
            "page": page,
            "items": page.object_list,
            "content_missing": in_reader_language(page.object_list),
        },
    )


@public
@require_GET
def ward_detail(request: HttpRequest, ward: str) -> HttpResponse:
    if ward not in [w.value for w in Ward.sakai_wards()]:
        raise Http404
    services = listing_queryset().filter(area=Area.WARD, ward=ward)
    page = Paginator(ranked(services, ward), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/ward_detail.html",
        {
            "ward": ward,
            "ward_label": Ward(ward).label,
            "needs": NEEDS,
            "page": page,
            "items": page.object_list,
            "content_missing": in_reader_language(page.object_list),
        },
    )


def normalize_query(raw: str) -> str:
    """NFKC folds full-width letters and half-width kana; control characters go."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())[:SEARCH_MAX_CHARS]


@public
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    query = normalize_query(raw)
    trimmed = len(" ".join(raw.split())) > SEARCH_MAX_CHARS
    items: list[tuple[Service, Any]] = []
    page = None
    if query:
        found = matching(list(listing_queryset()), query)
        page = Paginator(ranked(found), PAGE_SIZE).get_page(request.GET.get("page"))
        items = list(page.object_list)
    return render(
        request,
        "directory/search.html",
        {
            "query": query,
            "trimmed": trimmed,
            "max_chars": SEARCH_MAX_CHARS,
            "page": page,
            "items": items,
            "content_missing": in_reader_language(items),
        },
    )


def contact_source(service: Service) -> str:
    """Where the contact facts shown come from, for the plain sentence under them."""
    has_facts = service.contact_text or service.hours_text or service.phones.all()
    if not has_facts:
        return ""
    return service.source_name or service.source_url.split(" ; ")[0]


@public
@require_GET
def service_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.public()
        .select_related("organization")
        .prefetch_related(
            "terms",
            "schedules",
            "phones",
            "languages",
            "service_at_locations__location__addresses",
            "service_at_locations__location__accessibility",
        ),
        pk=pk,
    )
    now = timezone.now()
    status = service.opening_status(now)
    today = timezone.localdate(now)
    needs = [NEEDS_BY_CODE[code] for code in service.need_codes if code in NEEDS_BY_CODE]
    attach([service, service.organization])  # the reader's language, the Japanese where missing
    terms = list(service.terms.all())
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "status": status,
            "possibly_outdated": service.is_possibly_outdated(today),
            "needs": needs,
            # Labels from needs.py, translatable, not the names stored in the database.
            "channels": [
                CHANNEL_LABELS.get(t.code, t.name) for t in terms if t.taxonomy == "channel"
            ],
            "audiences": [
                AUDIENCE_LABELS.get(t.code, t.name) for t in terms if t.taxonomy == "audience"
            ],
            "phones": [p for p in service.phones.all() if p.type != "fax"],
            "faxes": [p for p in service.phones.all() if p.type == "fax"],
            "locations": [sal.location for sal in service.service_at_locations.all()],
            "contact_source": contact_source(service),
        },
    )
