import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control

from tsunagari.core import ruby
from tsunagari.core.access import audience_of

R = TypeVar("R", bound=HttpResponseBase)


def is_admin_request(request: HttpRequest) -> bool:
    """Django admin views check staff status themselves (AdminSite.admin_view);
    the URL walk test proves every one of them sends anonymous visitors to its login."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.app_name == "admin"


class DenyByDefaultMiddleware:
    """Refuse any view that has not declared who may use it (see core.access)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if audience_of(view_func) is not None:
            return None
        if is_admin_request(request):
            return None
        if settings.DEBUG:
            module = getattr(view_func, "__module__", "")
            raise ImproperlyConfigured(
                f"View {module}.{getattr(view_func, '__name__', view_func)} declares no audience"
            )
        raise PermissionDenied


class PrivatePagesMiddleware:
    """A signed-in person's pages are never kept by a browser's history cache or a shared proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            keep_private(response)
        return response


def keep_private(response: R) -> R:
    """``Cache-Control: private, no-store`` (and nothing that would allow keeping it)."""
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, private=True, no_store=True)
    return response


class IdleSessionTimeoutMiddleware:
    """Sign a user out after SESSION_IDLE_SECONDS without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get("last_seen")
            if last is not None and now - int(last) > settings.SESSION_IDLE_SECONDS:
                logout(request)
            else:
                request.session["last_seen"] = now
        return self.get_response(request)


class RubyMiddleware:
    """Readings for やさしい日本語: ``｜漢字《かんじ》`` becomes ``<ruby>`` in pages and is
    stripped in JSON, plain text, iCalendar and feeds (see core.ruby). Only answers that contain a mark are touched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(response, "streaming", False) or not hasattr(response, "content"):
            return response
        content_type = response.get("Content-Type", "")
        change: Callable[[str], str]
        if "text/html" in content_type:
            change = ruby.html_with_ruby
        elif "json" in content_type:
            change = ruby.json_without_marks
        elif content_type.startswith("text/") or "xml" in content_type:
            change = ruby.strip  # plain text, iCalendar, Atom: the base text only
        else:
            return response
        charset = response.charset or "utf-8"
        try:
            text = response.content.decode(charset)
        except UnicodeDecodeError:
            return response
        if "《" not in text and "\\u300a" not in text.lower():
            return response
        changed = change(text)
        if changed != text:
            response.content = changed.encode(charset)
            if response.has_header("Content-Length"):
                response.headers["Content-Length"] = str(len(response.content))
        return response
