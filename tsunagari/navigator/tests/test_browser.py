"""The answer page and guided mode in headless Debian Chromium: axe-core, no JavaScript needed."""

from typing import Any

import pytest

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.directory.models import Area, Ward
from tsunagari.directory.tests.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listed(db: None) -> None:
    make_service("（テスト）お金の相談", needs=("money",), all_day=True)
    make_service("（テスト）北区の仕事の窓口", needs=("work",), area=Area.WARD, ward=Ward.KITA)
    make_service("（テスト）こころの電話", needs=("mental", "suicide"), area=Area.NATIONAL)


PATHS = [
    "/navi/",
    "/navi/?q=借金があって仕事もない&ward=kita",
    "/navi/?q=死にたい",
    "/navi/?q=",
    "/navi/?q=見つからないことば",
    "/navi/?need=money&need=work&who=family&how=phone&when=now&ward=kita",
    "/navi/guided/",
    "/navi/guided/?s=1&who=self",
    "/navi/guided/?s=2&who=self&age=adult",
    "/navi/guided/?s=3&who=self&age=adult",  # no need chosen: the error
    "/navi/guided/?s=3&who=self&age=adult&need=money&need=work",
    "/navi/guided/?s=4&who=self&age=adult&need=money&how=phone",
    "/navi/guided/?s=5&who=self&age=adult&need=money&how=phone&when=now",
]


def test_it_finds_no_serious_or_critical_violation(
    live_server: Any, page: Any, listed: None
) -> None:
    failures = {}
    for path in PATHS:
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = describe_violations(violations)
    assert failures == {}


def test_it_opens_the_crisis_answer_first_on_screen(
    live_server: Any, page: Any, listed: None
) -> None:
    page.goto(live_server.url + "/navi/?q=もう消えたい")
    heading = page.locator("main h1").first
    assert "いますぐ話せる" in heading.inner_text()
    assert page.locator(".crisis-answer a[href='tel:119']").is_visible()


def test_it_walks_guided_mode_without_javascript(
    browser: Any, live_server: Any, listed: None
) -> None:
    context = browser.new_context(
        locale="ja-JP", java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    page.goto(live_server.url + "/navi/guided/")
    page.get_by_label("家族のこと").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("高齢の方（65歳〜）").check()
    page.get_by_role("button", name="次へ").click()
    page.locator("#need-money").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("電話").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("いますぐ話したい").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("お住まいの区はどこですか").select_option("kita")
    page.get_by_role("button", name="相談先を見る").click()
    assert "（テスト）お金の相談" in page.content()
    assert "q=" not in page.url and "need=money" in page.url
    context.close()
