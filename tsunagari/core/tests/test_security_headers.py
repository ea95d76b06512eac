"""Every HTML page carries a Content-Security-Policy that allows no inline script; signed-in
pages and navigator answers are never kept by a browser or a shared cache; templates hold no
inline event handlers, inline scripts or inline styles."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tsunagari.core.access import Audience, audience_of
from tsunagari.core.tests.test_access import ALL_PATTERNS, is_admin, sample_path
from tsunagari.testing import signed_in

pytestmark = pytest.mark.django_db

PUBLIC_ROUTES = [
    r for r, p in ALL_PATTERNS if not is_admin(p) and audience_of(p.callback) == Audience.PUBLIC
]


def _policy(response: Any) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    return {
        parts[0]: parts[1:]
        for parts in (directive.split() for directive in header.split(";"))
        if parts
    }


def assert_strict_policy(response: Any) -> None:
    policy = _policy(response)
    assert policy.get("default-src") == ["'self'"], response.get("Content-Security-Policy")
    assert policy.get("script-src") == ["'self'"]
    assert policy.get("style-src") == ["'self'"]
    assert policy.get("object-src") == ["'none'"]
    assert policy.get("frame-ancestors") == ["'none'"]
    assert policy.get("base-uri") == ["'none'"]


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_it_sends_a_strict_policy_with_every_public_html_page(client: Any, route: str) -> None:
    path = sample_path(route)
    if path is None:
        pytest.skip("regex route")
    response = client.get(path)
    if "text/html" not in response.get("Content-Type", ""):
        pytest.skip("not an HTML page")
    assert_strict_policy(response)


def test_it_sends_the_policy_with_error_pages_and_signed_in_pages(client: Any, alice: Any) -> None:
    assert_strict_policy(client.get("/no-such-page/"))
    signed_in(client, alice)
    assert_strict_policy(client.get("/partners/home/"))


def test_it_keeps_signed_in_pages_out_of_every_cache(client: Any, alice: Any) -> None:
    signed_in(client, alice)
    for path in ("/partners/home/", "/listings/", "/events/manage/"):
        response = client.get(path)
        assert response.status_code == 200, path
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, (path, cache_control)


def test_it_keeps_navigator_answers_out_of_every_cache(client: Any) -> None:
    for response in (
        client.post("/navi/", {"q": "夜ねむれなくて、誰にも話せません"}),
        client.get("/navi/", {"q": "ひとりで寂しい"}),
        client.get("/navi/guided/", {"s": "2", "need": "family"}),
        client.get("/api/v1/recommend", {"q": "ひとりで寂しい"}),
    ):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, response.request["PATH_INFO"]


TEMPLATES = [
    path
    for path in (Path(settings.BASE_DIR) / "tsunagari").rglob("*.html")
    # PDF layouts (handbook/pdf/) are drawn by WeasyPrint on the server and never served as pages.
    if "node_modules" not in path.parts and "pdf" not in path.parts
]
INLINE = re.compile(
    r"""<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style[\s>]|javascript:""",
    re.IGNORECASE,
)


def test_it_keeps_scripts_styles_and_event_handlers_out_of_the_templates() -> None:
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in TEMPLATES
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
