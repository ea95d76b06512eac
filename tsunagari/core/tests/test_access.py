"""Deny by default: walk the whole URLconf and prove nothing non-public answers anonymously."""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tsunagari.core.access import Audience, audience_of


def walk(patterns: list[Any], prefix: str = "", app: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.app_name or app
            )
        else:
            pattern.app_name_for_test = app  # type: ignore[attr-defined]
            yield prefix + str(pattern.pattern), pattern


def sample_path(route: str) -> str | None:
    """Fill a route's converters with harmless values; None for regex routes we cannot fill."""
    import re

    if route.startswith("^") or "(?P" in route:
        return None
    fillers = {"uuid": str(uuid.uuid4()), "int": "999999", "slug": "x", "str": "x", "path": "x"}

    def fill(match: re.Match[str]) -> str:
        converter = match.group(1) or "str"
        return fillers.get(converter, "x")

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", fill, route)


def is_admin(pattern: URLPattern) -> bool:
    return getattr(pattern, "app_name_for_test", "") == "admin"


ALL_PATTERNS = list(walk(get_resolver().url_patterns))


def test_it_finds_a_declared_audience_on_every_view_but_the_admin():
    undeclared = [
        route for route, p in ALL_PATTERNS if not is_admin(p) and audience_of(p.callback) is None
    ]
    assert undeclared == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route,pattern",
    [(r, p) for r, p in ALL_PATTERNS if is_admin(p) or audience_of(p.callback) != Audience.PUBLIC],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_it_keeps_every_non_public_page_from_anonymous_visitors(client, route, pattern):
    path = sample_path(route)
    if path is None:
        pytest.skip("regex route")
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if is_admin(pattern):
            # the admin answers its own login page, a redirect to it, or 404 for unknown objects
            assert response.status_code in (302, 404) or "/admin/login/" in path, (method, path)
            if response.status_code == 302:  # to the login page, or home after logging out
                assert response["Location"].startswith(("/admin/login/", "/admin/")), response[
                    "Location"
                ]
        else:
            assert response.status_code in (302, 403, 404, 405), (
                method,
                path,
                response.status_code,
            )
            if response.status_code == 302:
                assert "/accounts/login/" in response["Location"], response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route",
    [r for r, p in ALL_PATTERNS if not is_admin(p) and audience_of(p.callback) == Audience.PUBLIC],
)
def test_it_answers_every_public_page_without_a_server_error(client, route):
    path = sample_path(route)
    if path is None:
        pytest.skip("regex route")
    response = client.get(path, {"q": "'\"<script>", "ward": "??", "page": "-1"})
    assert response.status_code < 500


def test_it_refuses_a_view_that_declares_no_audience(rf, settings):
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from tsunagari.core.middleware import DenyByDefaultMiddleware

    settings.DEBUG = False

    def undeclared(request: Any) -> HttpResponse:
        return HttpResponse("secret")

    middleware = DenyByDefaultMiddleware(lambda request: HttpResponse())
    with pytest.raises(PermissionDenied):
        middleware.process_view(rf.get("/"), undeclared, (), {})
