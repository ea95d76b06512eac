"""The handbook's pages: editions and their PDFs, the May campaign page, and staff's posters."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_safe

from tsunagari.core.access import public, staff
from tsunagari.core.crisis import crisis_lines
from tsunagari.handbook.edition import directory_fingerprint, ward_choices
from tsunagari.handbook.models import Campaign
from tsunagari.handbook.posters import SIZES, poster_pdf
from tsunagari.handbook.staff import arrivals_by_venue
from tsunagari.handbook.store import current_edition, stored
from tsunagari.handbook.venues import CAMPAIGN_TAG, venues

ALL = "all"


def _language() -> str:
    codes = [code for code, _ in settings.LANGUAGES]
    active = translation.get_language() or settings.LANGUAGE_CODE
    return active if active in codes else settings.LANGUAGE_CODE


@public
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    language = _language()
    fingerprint = directory_fingerprint()
    editions = [
        {"slug": ALL, "ward": "", "label": "", "stored": stored("", language, fingerprint)},
        *(
            {
                "slug": code,
                "ward": code,
                "label": label,
                "stored": stored(code, language, fingerprint),
            }
            for code, label in ward_choices()
        ),
    ]
    return render(request, "handbook/index.html", {"editions": editions})


@public
@require_safe
def download(request: HttpRequest, ward: str) -> HttpResponse:
    if ward != ALL and ward not in dict(ward_choices()):
        raise Http404
    path = current_edition("" if ward == ALL else ward, _language())
    response = HttpResponse(path.read_bytes(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tsunagari-handbook-{ward}.pdf"'
    return response


@public
@require_safe
def campaign(request: HttpRequest) -> HttpResponse:
    """The May 孤独・孤立対策強化月間 page, public only while staff have switched it on."""
    if not Campaign.is_running(Campaign.Code.MAY):
        raise Http404
    return render(
        request,
        "handbook/campaign.html",
        {
            "lines": crisis_lines(),
            "navigator_url": reverse("navigator:answer") + f"?c={CAMPAIGN_TAG}",
        },
    )


@staff
@require_http_methods(["GET", "POST"])
def staff_home(request: HttpRequest) -> HttpResponse:
    may, _ = Campaign.objects.get_or_create(code=Campaign.Code.MAY)
    if request.method == "POST":
        may.switch(on=request.POST.get("on") == "1")
        return redirect("handbook:staff")
    rows, total = arrivals_by_venue()
    return render(
        request,
        "handbook/staff.html",
        {"campaign": may, "rows": rows, "total": total, "venues": venues(), "sizes": SIZES},
    )


@staff
@require_safe
def poster(request: HttpRequest, tag: str, size: str) -> HttpResponse:
    if tag == "campaign":
        venue = None
    else:
        venue = next((v for v in venues() if v.tag == tag), None)
        if venue is None or size not in SIZES:
            raise Http404
    if size not in SIZES:
        raise Http404
    pdf = poster_pdf(venue=venue, size=size, language=_language(), campaign=venue is None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tsunagari-poster-{tag}-{size}.pdf"'
    return response
