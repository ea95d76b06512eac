"""The one-minute report form behind the QR code: routing, sealing, one report per tap, bad input."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from tsunagari.outbox.models import Message
from tsunagari.watch.models import ActionKind, Report, Routing
from tsunagari.watch.services import status_token
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import must_find

pytestmark = pytest.mark.django_db

PLACE = "堺区つながり町3丁目 青い屋根の家"
DETAILS = "新聞が4日分たまっていて、夜も電気がつきません。"


def form_data(client: Any, shop: Any, **changes: Any) -> dict[str, Any]:
    page = client.get(f"/watch/r/{shop.report_token}/").content.decode()
    key = must_find(r'name="key" value="([^"]+)"', page).group(1)
    data = {
        "key": key,
        "immediate_danger": "no",
        "kind": "mail_piling",
        "ward": "sakai",
        "place": PLACE,
        "noticed_on": timezone.localdate().isoformat(),
        "details": DETAILS,
    }
    data.update(changes)
    return data


def test_a_report_reaches_the_centre_of_its_town_sealed_and_without_details_in_the_mail(
    client, shop, tsunagari_centre, sakai_kikan, sara
):
    response = client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop))

    assert response.status_code == 302
    made = Report.objects.get()
    assert made.centre == tsunagari_centre
    assert made.first_centre == tsunagari_centre
    assert made.kikan == sakai_kikan
    assert (made.routing, made.town) == (Routing.AREA, "つながり町")
    assert [a.kind for a in made.actions.all()] == [ActionKind.RECEIVED]
    # Sealed at rest: the plaintext is in no column of the row.
    with connection.cursor() as cursor:
        cursor.execute("SELECT place, details FROM watch_report")
        stored = " ".join(cursor.fetchone())
    assert "つながり町" not in stored and "新聞" not in stored
    assert str(made.place) == "••••"
    [mail] = Message.objects.all()
    assert mail.to == "tsunagari-centre@example.org"
    assert "新聞・郵便物がたまっている" in mail.subject
    assert PLACE not in mail.body and "電気" not in mail.body
    assert f"/watch/centre/reports/{made.pk}/" in mail.body


def test_the_reporter_lands_on_a_status_page_without_the_details(client, shop, tsunagari_centre):
    response = client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop), follow=True)
    page = response.content.decode()
    assert "報告を受け付けました" in page
    assert Report.objects.get().reference in page
    assert "担当者が確かめるのを待っています" in page
    assert "つながり町" not in page and "新聞が4日分" not in page


def test_a_place_the_table_does_not_know_goes_to_the_wards_kikan_centre(
    client, shop, tsunagari_centre, sakai_kikan
):
    client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop, place="大きな公園の北側"))
    made = Report.objects.get()
    assert (made.centre, made.routing, made.town) == (sakai_kikan, Routing.WARD, "")
    assert Message.objects.get().to == "sakai-kikan@example.org"


def test_a_centre_missing_from_the_directory_is_skipped_never_guessed(client, shop, sakai_kikan):
    client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop))
    made = Report.objects.get()
    assert (made.centre, made.routing, made.town) == (sakai_kikan, Routing.WARD, "つながり町")


def test_with_no_centre_on_the_platform_staff_relay_the_report(client, shop, sara):
    client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop))
    made = Report.objects.get()
    assert (made.centre, made.routing) == (None, Routing.STAFF)
    [mail] = Message.objects.all()
    assert mail.to == "sara@example.org"
    assert "取り次ぎ" in mail.subject


def test_a_centre_that_is_not_an_approved_member_is_relayed_by_staff(
    client, shop, tsunagari_centre, sara
):
    tsunagari_centre.member.leave(by=sara)
    client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop))
    assert Report.objects.get().centre == tsunagari_centre
    assert [m.to for m in Message.objects.all()] == ["sara@example.org"]


def test_a_relayed_report_to_a_kikan_centre_carries_its_sourced_number(client, shop, sara):
    from tsunagari.directory.models import Organization

    Organization.objects.create(name="堺基幹型包括支援センター")  # in the directory, not a member
    client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop, place="公園の北"))
    [mail] = Message.objects.all()
    assert mail.to == "sara@example.org"
    # 072-228-7052 is the number data/contacts-sourced.csv gives for this centre.
    assert "072-228-7052" in mail.body
    assert "city.sakai.lg.jp" in mail.body


def test_a_double_tap_records_one_report(client, shop, tsunagari_centre):
    data = form_data(client, shop)
    first = client.post(f"/watch/r/{shop.report_token}/", data)
    second = client.post(f"/watch/r/{shop.report_token}/", data)
    assert Report.objects.count() == 1
    assert Message.objects.count() == 1
    # Both taps land on the same report's status.
    assert (
        first["Location"].split("?")[0].rsplit("/", 2)[0]
        == second["Location"].split("?")[0].rsplit("/", 2)[0]
    )
    assert client.get(second["Location"]).status_code == 200
    # A fresh form (a new key) is a new report.
    client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop))
    assert Report.objects.count() == 2


def test_immediate_danger_shows_119_and_110_first_and_is_still_recorded(
    client, shop, tsunagari_centre
):
    form = client.get(f"/watch/r/{shop.report_token}/").content.decode()
    # The danger question comes first, and its emergency panel sits right under it.
    assert form.index('name="immediate_danger"') < form.index('name="kind"')
    assert form.index('href="tel:119"', form.index('name="immediate_danger"')) < form.index(
        'name="kind"'
    )
    response = client.post(
        f"/watch/r/{shop.report_token}/",
        form_data(client, shop, immediate_danger="yes"),
        follow=True,
    )
    page = response.content.decode()
    main = page[page.index('<main id="main"') :]
    assert main.index('href="tel:119"') < main.index("報告を受け付けました")
    assert 'href="tel:110"' in main
    made = Report.objects.get()
    assert made.immediate_danger is True
    assert "至急" in Message.objects.get().subject


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"place": "つながり町\r\n3丁目"}, "改行を入れずに"),
        ({"place": "あ" * 201}, "200文字以内"),
        ({"details": "い" * 1001}, "1000文字以内"),
        ({"noticed_on": "2026-02-30"}, "正しい日付"),
        ({"noticed_on": "きのう"}, "正しい日付"),
        ({"noticed_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "これから先の日"),
        ({"kind": "ufo"}, "選択"),
        ({"immediate_danger": ""}, "命の危険があるかどうか"),
        ({"place": ""}, "この項目を入力してください"),
        ({"ward": "outside"}, "選択"),
    ],
)
def test_bad_input_is_refused_in_plain_japanese_and_what_was_typed_stays(
    client, shop, tsunagari_centre, changes, message
):
    data = form_data(client, shop, **changes)
    response = client.post(f"/watch/r/{shop.report_token}/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert Report.objects.count() == 0
    assert Message.objects.count() == 0
    assert data["details"] in page  # what was typed is kept
    if "place" not in changes:
        assert PLACE in page


def test_a_forged_key_is_refused_not_a_500(client, shop, tsunagari_centre):
    response = client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop, key="x"))
    assert response.status_code == 200
    assert Report.objects.count() == 0


def test_a_card_that_no_longer_works_says_so_and_points_to_119(client, shop, sara):
    old = shop.report_token
    shop.renew_report_token()
    for token in (old, "not-a-token"):
        response = client.get(f"/watch/r/{token}/")
        assert response.status_code == 404
        assert "このQRコードは使えません" in response.content.decode()
        assert 'href="tel:119"' in response.content.decode()
    shop.suspend(by=sara)
    assert client.get(f"/watch/r/{shop.report_token}/").status_code == 404
    assert client.post(f"/watch/r/{shop.report_token}/", {}).status_code == 404


def test_a_wrong_or_expired_status_link_says_so_and_reveals_nothing(
    client, shop, tsunagari_centre, settings
):
    client.post(f"/watch/r/{shop.report_token}/", form_data(client, shop))
    made = Report.objects.get()
    token = status_token(made)
    assert client.get(f"/watch/s/{token}/").status_code == 200

    wrong = client.get(f"/watch/s/{token[:-2]}xx/")
    assert wrong.status_code == 404
    assert "リンクが正しくないか" in wrong.content.decode()
    assert made.reference not in wrong.content.decode()

    settings.WATCH_STATUS_LINK_DAYS = 0
    expired = client.get(f"/watch/s/{token}/")
    assert expired.status_code == 404
    assert "有効期限が切れています" in expired.content.decode()
    assert made.reference not in expired.content.decode()
