import pytest

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.gatherings.tests.conftest import make_gathering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_calendar_with_filters_without_violations(live_server, page, org_a):
    gathering = make_gathering(org_a)
    gathering.publish()
    page.goto(live_server.url + "/events/?start=2026-12-01&end=2026-12-31")
    assert page.get_by_role("heading", level=1).inner_text() == "居場所・つどいの予定"
    assert page.get_by_text("（テスト）ひだまりサロン").first.is_visible()
    page.get_by_label("区").select_option("kita")
    page.get_by_role("button", name="この条件で見る").click()
    assert "この条件にあう予定はありません" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_it_shows_a_gathering_page_without_violations(live_server, page, org_a):
    gathering = make_gathering(org_a)
    gathering.publish()
    page.goto(f"{live_server.url}/events/{gathering.pk}/")
    assert "毎週火曜日" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
