"""A person asks a desk to contact them, in headless Chromium, with axe-core on each page."""

from typing import Any

import pytest

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.directory.tests.factories import make_service
from tsunagari.navigator.index import invalidate
from tsunagari.referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_asks_a_desk_from_the_answer_without_an_account(
    live_server: Any, page: Any
) -> None:
    make_service("（テスト）お金の相談", needs=("money",), kind="desk")
    invalidate()
    failures = {}
    page.goto(live_server.url + "/navi/")
    page.fill("#q", "借金で困っています")
    page.click("form[action='/navi/'] button[type=submit]")
    page.click("text=この窓口から連絡してほしい")
    failures["form"] = axe_violations(page)
    assert page.input_value("#id_navigator_text") == "借金で困っています"
    assert not page.is_checked("#id_attach")
    page.fill("#id_contact_how", "088-8888-8888")
    page.check("#id_consent")
    page.click("button:has-text('連絡をお願いする')")
    failures["done"] = axe_violations(page)
    reference = Referral.objects.get().reference
    assert reference in page.inner_text("main")
    page.click("a.status-link")
    failures["status"] = axe_violations(page)
    assert "送った" in page.inner_text("main")
    invalidate()
    assert {k: describe_violations(v) for k, v in failures.items() if v} == {}
