"""Public pages in headless Debian Chromium: axe-core (wcag2a, wcag2aa), keyboard, no JavaScript."""

import pytest

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.directory.models import Area, Ward
from tsunagari.directory.tests.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listed(db):
    make_service("（テスト）北区のつどい", needs=("connection",), area=Area.WARD, ward=Ward.KITA)
    make_service(
        "（テスト）名前だけの窓口", needs=("connection",), phone=None, contact_pending=True
    )
    return make_service(
        "（テスト）24時間の電話", needs=("connection", "mental"), all_day=True, hours_text="24時間"
    )


def public_paths(service):
    return [
        "/",
        "/needs/connection/",
        "/needs/connection/?ward=kita",
        "/wards/kita/",
        "/search/?q=つどい",
        "/search/?q=見つからないことば",
        f"/services/{service.pk}/",
        "/services/00000000-0000-0000-0000-000000000000/",  # the 404 page
    ]


def test_it_finds_no_serious_or_critical_violation_on_any_public_page(live_server, page, listed):
    failures = {}
    for path in public_paths(listed):
        page.goto(live_server.url + path)
        assert page.locator("aside.crisis").is_visible(), path
        violations = axe_violations(page)
        if violations:
            failures[path] = describe_violations(violations)
    assert failures == {}


def test_it_works_without_javascript_and_with_the_keyboard(live_server, browser, listed):
    context = browser.new_context(
        java_script_enabled=False, locale="ja-JP", viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "本文へ移動"
        page.get_by_role("link", name="孤独・つながり・居場所").click()
        assert "「孤独・つながり・居場所」の相談先" in page.locator("h1").inner_text()
        page.select_option("#ward", "kita")
        page.get_by_role("button", name="表示する").click()
        assert "ward=kita" in page.url
        items = page.locator("ul.list > li h3").all_inner_texts()
        assert items[0] == "（テスト）北区のつどい"
        # nothing is wider than a 320 px phone screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()
