import pytest

from tsunagari.conftest import axe_violations, describe_violations, sign_in_with_code
from tsunagari.gatherings.models import Gathering
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


def test_it_lets_a_member_fill_in_a_gathering_without_violations(
    live_server, page, bob, sara, password, org_a
):
    sign_in_with_code(page, live_server, bob, password, f"/events/manage/{org_a.pk}/new/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_label("つどいの名前").fill("（テスト）ブラウザのサロン")
    page.get_by_label("種類").select_option("salon")
    page.get_by_label("くり返し").select_option("weekly")
    page.get_by_label("曜日", exact=True).select_option("WE")
    page.get_by_label("はじまる日").fill("2026-12-01")
    page.get_by_label("開始時刻").fill("10:00")
    page.get_by_label("終了時刻").fill("11:30")
    page.get_by_label("区", exact=True).select_option("kita")
    page.get_by_label("場所の名前").fill("（テスト）○○集会所")
    page.get_by_label("ひとりでの初参加歓迎").check()
    page.get_by_label("申し込みはいりません。その日に来てください。").check()
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("button", name="公開する").click()
    assert "事務局が確認してから公開します" in page.content()  # decision 0024
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    Gathering.objects.get(title="（テスト）ブラウザのサロン").approve(by=sara)
    page.goto(live_server.url + "/events/?ward=kita&start=2026-12-01&end=2026-12-31")
    assert page.get_by_text("（テスト）ブラウザのサロン").first.is_visible()


def test_it_lets_an_organiser_cancel_one_meeting_and_read_the_history_without_violations(
    live_server, page, bob, password, org_a
):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    gathering = make_gathering(
        org_a, starts_on=today, weekday=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][today.weekday()]
    )
    gathering.publish()
    sign_in_with_code(page, live_server, bob, password, f"/events/manage/{gathering.pk}/edit/")
    page.get_by_label("中止する日").fill((today + timedelta(days=7)).isoformat())
    page.get_by_label("中止の理由（予定表に出ます）").fill("雨のため")
    page.get_by_role("button", name="この日を中止にする").click()
    assert "の回を中止にしました" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_role("link", name="変更の記録を見る").click()
    assert "回の中止" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.goto(f"{live_server.url}/events/{gathering.pk}/")
    assert "中止" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
