import pytest
from django.urls import reverse

from tsunagari.directory.models import Area, ReviewStatus, ServiceStatus, Ward
from tsunagari.directory.tests.factories import make_service

pytestmark = pytest.mark.django_db


def test_it_shows_the_crisis_strip_needs_and_wards_on_the_home_page(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "よりそいホットライン" in html and "0120-279-338" in html
    assert "孤独・つながり・居場所" in html
    assert reverse("directory:ward", args=["mihara"]) in html


def test_it_lists_published_services_for_a_need_and_hides_the_others(client):
    make_service("（テスト）公開中の相談")
    make_service("（テスト）確認待ちの相談", review_status=ReviewStatus.PENDING)
    make_service("（テスト）終了した相談", status=ServiceStatus.DEFUNCT)
    make_service("（テスト）お金の相談", needs=("money",))
    html = client.get(reverse("directory:need", args=["mental"])).content.decode()
    assert "（テスト）公開中の相談" in html
    assert "確認待ち" not in html
    assert "終了した相談" not in html
    assert "お金の相談" not in html


def test_it_puts_the_persons_own_ward_first_then_the_city_then_national(client):
    make_service("（テスト）全国の相談", area=Area.NATIONAL)
    make_service("（テスト）市の相談", area=Area.CITY)
    make_service("（テスト）北区の相談", area=Area.WARD, ward=Ward.KITA)
    make_service("（テスト）南区の相談", area=Area.WARD, ward=Ward.MINAMI)
    html = client.get(reverse("directory:need", args=["mental"]), {"ward": "kita"}).content.decode()
    assert (
        html.index("（テスト）北区の相談")
        < html.index("（テスト）市の相談")
        < html.index("（テスト）全国の相談")
    )
    assert "南区の相談" not in html


def test_it_ignores_an_unknown_ward_instead_of_failing(client):
    make_service("（テスト）市の相談")
    response = client.get(
        reverse("directory:need", args=["mental"]), {"ward": "<script>", "page": "abc"}
    )
    assert response.status_code == 200
    assert "（テスト）市の相談" in response.content.decode()


def test_it_answers_an_unknown_need_with_a_japanese_404(client):
    response = client.get("/needs/nothing-like-this/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_it_lists_a_wards_own_desks(client):
    make_service("（テスト）美原区の窓口", area=Area.WARD, ward=Ward.MIHARA)
    make_service("（テスト）堺区の窓口", area=Area.WARD, ward=Ward.SAKAI)
    html = client.get(reverse("directory:ward", args=["mihara"])).content.decode()
    assert "美原区の窓口" in html and "堺区の窓口" not in html
    assert client.get("/wards/osaka/").status_code == 404


def test_it_finds_a_service_by_a_full_width_keyword(client):
    make_service("（テスト）DV相談室", needs=("abuse",))
    html = client.get(reverse("directory:search"), {"q": "ＤＶ"}).content.decode()
    assert "DV相談室" in html


def test_it_trims_a_very_long_search_and_says_so(client):
    response = client.get(reverse("directory:search"), {"q": "あ" * 10_000})
    assert response.status_code == 200
    assert "はじめの100文字" in response.content.decode()


def test_it_escapes_what_a_person_typed(client):
    html = client.get(
        reverse("directory:search"), {"q": "<script>alert(1)</script>"}
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_it_shows_contact_hours_and_source_on_a_service_page(client):
    service = make_service("（テスト）24時間の相談", all_day=True, hours_text="24時間365日")
    html = client.get(reverse("directory:service", args=[service.pk])).content.decode()
    assert "000-0000-0000" in html
    assert "24時間受付" in html
    assert "出典の表記：24時間365日" in html
    assert "example.org/test" in html and "2026-11-01" in html


def test_it_says_contact_is_unconfirmed_for_a_listing_without_sourced_facts(client):
    service = make_service(
        "（テスト）名前だけわかる窓口",
        phone=None,
        contact_pending=True,
        contact_check_url="https://www.city.sakai.lg.jp/",
    )
    html = client.get(reverse("directory:service", args=[service.pk])).content.decode()
    assert "連絡先は確認中です" in html
    assert "https://www.city.sakai.lg.jp/" in html
    assert "tel:" not in html.split("crisis")[-1].split("相談のしかた")[-1].split("受付時間")[0]


def test_it_warns_that_a_listing_not_confirmed_for_15_months_may_be_out_of_date(client):
    from datetime import date

    from django.utils import timezone

    old = make_service("（テスト）古い相談", assured_date=date(2020, 4, 1))
    fresh = make_service("（テスト）新しい相談", assured_date=timezone.localdate())
    assert (
        "情報が古い可能性があります"
        in client.get(reverse("directory:service", args=[old.pk])).content.decode()
    )
    assert (
        "情報が古い可能性があります"
        not in client.get(reverse("directory:service", args=[fresh.pk])).content.decode()
    )


def test_it_hides_a_service_waiting_for_review(client):
    service = make_service("（テスト）確認待ち", review_status=ReviewStatus.PENDING)
    assert client.get(reverse("directory:service", args=[service.pk])).status_code == 404
    assert client.get("/services/not-a-uuid/").status_code == 404


def test_it_lists_what_is_open_now_before_desks_with_unknown_hours(client):
    make_service("（テスト）あ・受付時間不明", area=Area.NATIONAL)
    make_service("（テスト）ん・24時間", area=Area.NATIONAL, all_day=True)
    html = client.get(reverse("directory:need", args=["mental"])).content.decode()
    assert html.index("（テスト）ん・24時間") < html.index("（テスト）あ・受付時間不明")


def test_it_says_the_age_range_as_one_sentence_in_each_language(client):
    service = make_service("（テスト）年齢のある相談", minimum_age=18, maximum_age=65)
    path = reverse("directory:service", args=[service.pk])
    assert "18歳から65歳まで" in client.get(path).content.decode()
    client.cookies["django_language"] = "en"
    assert "From age 18 to 65" in client.get(path).content.decode()


def test_it_does_not_show_midnight_to_midnight_for_a_24_hour_line(client):
    service = make_service("（テスト）24時間の電話", all_day=True)
    html = client.get(reverse("directory:service", args=[service.pk])).content.decode()
    assert "24時間受付" in html
    assert "0:00〜0:00" not in html
