"""The new pages (survey, measures, supporters, dashboard) in a real browser on a small screen, with axe-core."""

import pytest

from tsunagari.conftest import axe_violations, describe_violations
from tsunagari.measures.seed import load as load_measures
from tsunagari.partners.tests.conftest import signed_in_browser
from tsunagari.survey.demo import load_demo_wave
from tsunagari.survey.models import Wave

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_a_person_take_the_self_check_with_the_keyboard(live_server, page):
    page.goto(live_server.url + "/survey/self-check/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    for name in ("lonely_1", "lonely_2", "lonely_3"):
        page.check(f"input[name={name}][value='3']")
    page.get_by_role("button", name="結果を見る").press("Enter")
    page.get_by_role("heading", name="セルフチェックの結果").wait_for()
    assert "7〜9点" in page.content()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_it_shows_the_survey_form_the_map_and_a_lesson_without_violations(live_server, page):
    load_measures()
    wave = Wave.objects.create(name="（テスト）市民アンケート", status="open")
    for path in (
        f"/survey/answer/{wave.pk}/",
        "/measures/",
        "/supporters/lessons/connect/",
        "/supporters/register/",
    ):
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        assert violations == [], (path, describe_violations(violations))


def test_it_shows_staff_the_dashboard_and_results_without_violations(live_server, page, sara):
    wave = load_demo_wave(300)
    signed_in_browser(page, live_server, sara)
    for path in ("/dashboard/", f"/survey/staff/{wave.pk}/results/", "/supporters/staff/"):
        page.goto(live_server.url + path)
        assert "ログイン" not in page.title(), path
        violations = axe_violations(page)
        assert violations == [], (path, describe_violations(violations))
