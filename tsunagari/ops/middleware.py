import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tsunagari.ops import metrics
from tsunagari.ops.faults import fault_response

logger = logging.getLogger("tsunagari.request")

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_name(request: HttpRequest) -> str:
    """The URL pattern's name ('directory:service'), '-' when nothing matched.

    Never the path: /navi/?q=… carries what a person wrote, and ids tie a line to a person.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "-"
    return match.view_name or "-"


class RequestLogMiddleware:
    """One JSON log line and one metrics observation per request (first in MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        route = route_name(request)
        method = request.method if request.method in METHODS else "OTHER"
        metrics.observe(route=route, method=method, status=response.status_code, seconds=seconds)
        logger.info(
            "request",
            extra={
                "method": method,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
        return response


class FaultPageMiddleware:
    """Faults of the machine, not of the code, answered plainly (see :mod:`tsunagari.ops.faults`).

    Exceptions raised in other middleware (the session read before any view) reach
    Django's 500 handler, which asks the same function.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return fault_response(exception)
