import pytest

from tsunagari.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_crisis_strip_on_a_small_screen_without_violations(live_server, page):
    page.goto(live_server.url + "/")
    strip = page.locator("aside.crisis")
    assert strip.is_visible()
    assert "よりそいホットライン" in strip.inner_text()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
