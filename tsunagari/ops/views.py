"""Health checks for the load balancer and metrics for staff."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tsunagari.core.access import public, staff
from tsunagari.ops.health import failed_checks
from tsunagari.ops.metrics import exposition


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Alive: the process answers. Touches no database."""
    return _plain("ok")


@public
@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready to serve: the database (and cache, task queue) answer. Says nothing more."""
    if failed_checks():
        return _plain("unavailable", status=503)
    return _plain("ok")


@staff
@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
