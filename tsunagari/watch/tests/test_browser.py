"""The report form on a phone: 119/110 appear as soon as danger is chosen; no serious axe issues."""

import pytest

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.watch.models import Report
from tsunagari.watch.tests.conftest import *  # noqa: F403

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_form_shows_119_and_110_on_danger_and_sends_in_a_minute(
    live_server, page, shop, tsunagari_centre
):
    page.goto(live_server.url + f"/watch/r/{shop.report_token}/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    call_119 = page.locator(".danger-now a[href='tel:119']")
    assert not call_119.is_visible()
    page.check("input[name=immediate_danger][value=yes]")
    assert call_119.is_visible()
    assert page.locator(".danger-now a[href='tel:110']").is_visible()
    page.check("input[name=kind][value=not_seen]")
    page.fill("#id_place", "つながり町1丁目 公園の東の家")
    page.click("button[type=submit]")
    assert "報告を受け付けました" in page.inner_text("h1")
    assert page.locator("main a[href='tel:119']").first.is_visible()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert Report.objects.get().immediate_danger is True


def test_the_printable_card_has_no_serious_axe_issues(live_server, page, shop):
    token = shop.issue_card_token()
    page.goto(live_server.url + f"/watch/card/{token}/")
    assert page.locator(".watch-card svg").count() == 1
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".watch-card").is_visible()
