import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagari.directory.tests.factories import make_service
from tsunagari.navigator.models import NeedTally, week_of
from tsunagari.partners.models import MemberStatus, Sector
from tsunagari.partners.tests.conftest import make_org, signed_in
from tsunagari.supporters.models import Supporter
from tsunagari.survey.demo import load_demo_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_data(db):
    week = week_of(timezone.localdate())
    NeedTally.add(week=week, need_code="hikikomori", ward="kita", matched=False, count=5)
    NeedTally.add(week=week, need_code="hikikomori", ward="kita", matched=True, count=2)
    make_service("（テスト）市全域のこころの相談", needs=("mental",), area="city")
    Supporter.register(name="（テスト）堺 花子", ward="kita")
    make_org("（テスト）市の課", Sector.CITY)
    make_org("（テスト）商店街", Sector.COMMERCE)
    make_org("（テスト）企業", Sector.COMPANY)
    make_org("（テスト）申し込み中の企業", Sector.COMPANY, status=MemberStatus.APPLIED)
    load_demo_wave(200)


def test_it_keeps_the_dashboard_for_staff(client, plain_user):
    assert client.get(reverse("dashboard:index")).status_code == 302
    signed_in(client, plain_user)
    assert client.get(reverse("dashboard:index")).status_code == 403
    assert client.get(reverse("dashboard:export", args=["members"])).status_code == 403


def test_it_shows_every_figure_with_its_detail_and_export_links(client, sara, city_data):
    signed_in(client, sara)
    response = client.get(reverse("dashboard:index"))
    html = response.content.decode()
    assert "この12週間に、相談先が見つからなかった回数は5回です。" in html
    assert "参加団体3団体のうち、福祉の外の分野は2団体（67%）です。" in html
    assert "登録したサポーター: 1人" in html
    assert "架空のデモ用の調査です" in html and "39.3" in html
    assert "（テスト）堺 花子" not in html  # names stay on the supporters' staff page
    for slug in ("unmet", "survey", "coverage", "supporters", "members"):
        assert reverse("dashboard:export", args=[slug]) in html
    for detail in (
        reverse("navigator:unmet"),
        reverse("supporters:staff"),
        reverse("partners:members"),
    ):
        assert detail in html


def test_it_exports_each_figure_as_csv(client, sara, city_data):
    signed_in(client, sara)
    unmet = client.get(reverse("dashboard:export", args=["unmet"])).content.decode("utf-8-sig")
    assert unmet.splitlines()[1] == "ひきこもり,7,5"
    coverage = client.get(reverse("dashboard:export", args=["coverage"])).content.decode(
        "utf-8-sig"
    )
    lines = {line.split(",")[0]: line.split(",")[1:] for line in coverage.splitlines()[1:]}
    assert lines["こころの不調"] == ["1"] * 7
    assert lines["ひきこもり"] == ["0"] * 7
    assert client.get(reverse("dashboard:export", args=["nothing"])).status_code == 404
