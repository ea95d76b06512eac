import pytest

from tsunagari.conftest import axe_violations, describe_violations, sign_in_with_code
from tsunagari.listings.models import ConfirmationRequest
from tsunagari.listings.services import confirmation_token
from tsunagari.listings.tests.conftest import make_listing, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_confirms_a_listing_in_one_click_without_violations(live_server, page, org_a):
    listing = make_listing(org_a)
    request = ConfirmationRequest.objects.create(service=listing, sent_to="alice@example.org")
    page.goto(f"{live_server.url}/listings/confirm/{confirmation_token(request)}/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_role("button", name="この内容で正しい").click()
    assert "確認済みとして記録しました" in page.content()
    listing.refresh_from_db()
    assert listing.assured_date is not None and listing.assured_date.year >= 2026


def test_it_lets_an_owner_edit_a_listing_without_violations(
    live_server, page, bob, password, org_a
):
    listing = make_listing(org_a)
    sign_in_with_code(page, live_server, bob, password, f"/listings/{listing.pk}/edit/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_label("費用").fill("無料")
    page.get_by_role("button", name="保存する").click()
    assert "変更を保存しました" in page.content()
    page.get_by_role("link", name="変更の記録を見る").click()
    assert "無料" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_it_shows_staff_the_unverified_listings_without_violations(live_server, page, sara, org_a):
    from urllib.parse import urlparse

    from django.test import Client

    make_listing(
        org_a, name="（テスト）取り込んだだけの窓口", assured_date=None, source_date="2025-04-01"
    )
    client = signed_in(Client(), sara)
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
    page.goto(f"{live_server.url}/listings/overdue/")
    assert "まだだれも確認していない掲載（1件）" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_it_lets_an_owner_translate_a_listing_without_violations(
    live_server, page, bob, password, org_a
):
    listing = make_listing(org_a)
    sign_in_with_code(page, live_server, bob, password, f"/listings/{listing.pk}/edit/")
    page.get_by_role("link", name="ほかのことばでの案内を書く").click()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_label("言語").first.select_option("en")
    page.get_by_label("項目").first.select_option("name")
    page.get_by_label("訳", exact=True).first.fill("(Test) Heart room")
    page.get_by_role("button", name="保存する").click()
    assert "変更を保存しました" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.goto(f"{live_server.url}/listings/{listing.pk}/history/")
    assert "name (en)" in page.content()
