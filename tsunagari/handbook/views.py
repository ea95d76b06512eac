"""The handbook's public pages: the list of editions, and each edition's PDF."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from tsunagari.core.access import public
from tsunagari.handbook.edition import directory_fingerprint, ward_choices
from tsunagari.handbook.store import current_edition, stored

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
def download(request: HttpRequest, ward: str) -> FileResponse:
    if ward != ALL and ward not in dict(ward_choices()):
        raise Http404
    path = current_edition("" if ward == ALL else ward, _language())
    response = FileResponse(
        path.open("rb"), content_type="application/pdf", filename=f"tsunagari-handbook-{ward}.pdf"
    )
    response["Content-Disposition"] = f'inline; filename="tsunagari-handbook-{ward}.pdf"'
    return response
