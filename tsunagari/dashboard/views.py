import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from tsunagari.core.access import staff
from tsunagari.dashboard.figures import FIGURES


@staff
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "dashboard/index.html", {"figures": [make() for make in FIGURES.values()]}
    )


@staff
@require_safe
def export(request: HttpRequest, slug: str) -> HttpResponse:
    make = FIGURES.get(slug)
    if make is None:
        raise Http404
    figure = make()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dashboard-{slug}.csv"'
    response.write("\ufeff")  # Excel reads the Japanese correctly
    writer = csv.writer(response)
    writer.writerow(figure.headers)
    writer.writerows(figure.rows)
    return response
