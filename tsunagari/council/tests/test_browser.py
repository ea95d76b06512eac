"""A listed member reads a case and prints the minutes; the pages pass axe, and the
printed page carries the watermark."""

from typing import Any
from urllib.parse import urlparse

import pytest
from django.test import Client

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.council.services import conference_record
from tsunagari.council.tests.conftest import council_signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page: Any, live_server: Any, user: Any) -> None:
    client = council_signed_in(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": urlparse(live_server.url).hostname,
                "path": "/",
            }
        ]
    )


def test_it_shows_a_case_and_prints_watermarked_minutes_without_violations(
    live_server: Any, page: Any, bob: Any, case: Any, m_alice: Any, m_bob: Any, today: Any
) -> None:
    conference = conference_record(
        case=case,
        by=m_alice,
        held_on=today,
        attendees=[m_alice, m_bob],
        agenda="（テスト）議題",
        minutes="（テスト）議事の記録",
        decisions="（テスト）決まったこと",
    )
    _as(page, live_server, bob)
    page.goto(f"{live_server.url}/council/cases/{case.pk}/")
    assert "テスト 花子" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)

    page.goto(f"{live_server.url}/council/cases/{case.pk}/conferences/{conference.pk}/print/")
    page.emulate_media(media="print")
    watermark = page.locator(".watermark span").first
    assert watermark.is_visible() and "食堂 ぼぶ が" in watermark.inner_text()
    assert page.locator(".print-foot").inner_text().startswith("食堂 ぼぶ が")
    assert len(page.pdf(format="A4")) > 1000  # Chromium prints it
    page.emulate_media(media="screen")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
