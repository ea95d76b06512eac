"""Key pages of the platform in a real browser on a small screen, checked with axe-core."""

import pytest
from django.core.management import call_command

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.partners.tests.conftest import signed_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path", ["/partners/", "/partners/join/", "/partners/news/", "/accounts/login/"]
)
def test_it_shows_public_platform_pages_without_violations(live_server, page, path):
    call_command("load_demo")
    page.goto(live_server.url + path)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_it_lets_an_organisation_apply_with_the_keyboardless_form(live_server, page):
    page.goto(live_server.url + "/partners/join/")
    page.fill("#id_name", "ブラウザ将棋クラブ")
    page.select_option("#id_sector", "sports_culture")
    page.fill("#id_description", "土曜に将棋を指します。")
    page.check("input[name=needs][value=connection]")
    page.check("input[name=wards][value=nishi]")
    page.fill("#id_contact_name", "将棋 太郎")
    page.fill("#id_contact_email", "browser-shogi@example.org")
    page.click("button[type=submit]")
    assert "お申し込みを受け付けました" in page.inner_text("h1")


def test_it_draws_the_network_for_staff_without_violations(live_server, page, sara):
    call_command("load_demo")
    signed_in_browser(page, live_server, sara)
    page.goto(live_server.url + "/partners/staff/network/")
    assert page.locator("svg line").count() == 4
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_it_lets_an_asked_back_applicant_answer_on_a_page_without_violations(
    live_server, page, sara
):
    from tsunagari.partners import services
    from tsunagari.partners.tests.conftest import make_org

    org = make_org("ブラウザ将棋クラブ", "sports_culture", status="applied")
    services.member_ask_back(member=org.member, by=sara, message="活動の場所を教えてください。")
    page.goto(live_server.url + f"/partners/join/answer/{services.answer_token(org.member)}/")
    assert "活動の場所を教えてください。" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_label("事務局へのお答え").fill("西区の集会所です。")
    page.get_by_role("button", name="事務局に送る").click()
    assert "お答えを事務局に届けました" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
