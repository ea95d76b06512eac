"""The project's URLs plus /bench/trivial: the baseline for the answer page's throughput."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tsunagari.core.access import public


@public
def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial", trivial),
    path("", include("tsunagari.urls")),
]
