"""Registration of 見守り協力事業所: applying, the staff's decision, the printable QR card."""

import pytest

from tsunagari.outbox.models import Message
from tsunagari.watch.models import BusinessStatus, WatchBusiness
from tsunagari.watch.services import business_send_card
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import centre_client, must_find, report

pytestmark = pytest.mark.django_db

APPLICATION = {
    "name": "（テスト）ひかり新聞 堺東店",
    "kind": "newspaper",
    "ward": "sakai",
    "contact_name": "店長 佐藤",
    "contact_email": "hikari@example.org",
    "contact_phone": "",
    "agree": "on",
}


def test_a_business_applies_and_staff_are_told(client, sara):
    response = client.post("/watch/join/", APPLICATION)
    assert response["Location"] == "/watch/join/thanks/"
    business = WatchBusiness.objects.get()
    assert (business.status, business.kind_label) == (BusinessStatus.APPLIED, "新聞販売店")
    assert sorted(m.to for m in Message.objects.all()) == ["hikari@example.org", "sara@example.org"]
    # Not yet approved: its QR code does not open the form.
    assert client.get(f"/watch/r/{business.report_token}/").status_code == 404


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"name": "ひかり新聞\n堺東店"}, "改行を入れずに"),
        ({"name": "店" * 201}, "200文字以内"),
        ({"kind": ""}, "業種をえらんでください"),
        ({"ward": "outside"}, "選択"),
        ({"contact_email": "hikari"}, "メールアドレスの形が正しくありません"),
        ({"agree": ""}, "チェックを入れてください"),
    ],
)
def test_a_bad_application_is_refused_and_keeps_what_was_typed(client, changes, message):
    response = client.post("/watch/join/", {**APPLICATION, **changes})
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "店長 佐藤" in page
    assert not WatchBusiness.objects.exists()
    assert not Message.objects.exists()


def test_staff_approve_and_the_contact_gets_the_card_link_with_a_working_qr(client, sara):
    client.post("/watch/join/", APPLICATION)
    business = WatchBusiness.objects.get()
    staff = centre_client(sara)
    assert business.name in staff.get("/watch/staff/").content.decode()

    staff.post(f"/watch/staff/businesses/{business.pk}/", {"action": "approve"})

    business.refresh_from_db()
    assert business.status == BusinessStatus.APPROVED
    mail = Message.objects.get(to="hikari@example.org", subject__contains="登録が済みました")
    link = must_find(r"https://tsunagari.example.jp(/watch/card/[^\s]+/)", mail.body).group(1)
    card = client.get(link)
    page = card.content.decode()
    assert card.status_code == 200
    assert "<svg" in page and "@media print" not in page  # the print rules live in watch.css
    assert f"https://tsunagari.example.jp/watch/r/{business.report_token}/" in page
    assert "119番" in page
    assert client.get(f"/watch/r/{business.report_token}/").status_code == 200
    # The printable card is for staff too (they post cards to businesses without e-mail).
    assert "<svg" in staff.get(f"/watch/staff/businesses/{business.pk}/card/").content.decode()


def test_the_card_page_lists_the_businesses_reports_without_details(client, shop, tsunagari_centre):
    made = report(shop)
    link = business_send_card(business=shop)
    page = client.get(link.removeprefix("https://tsunagari.example.jp")).content.decode()
    assert made.reference in page
    assert "新聞・郵便物がたまっている" in page
    assert "つながり町" not in page


def test_staff_decline_suspend_resume_and_renew(client, sara, shop):
    staff = centre_client(sara)
    url = f"/watch/staff/businesses/{shop.pk}/"
    old = shop.report_token

    staff.post(url, {"action": "renew"})
    shop.refresh_from_db()
    assert shop.report_token != old
    assert client.get(f"/watch/r/{old}/").status_code == 404
    assert client.get(f"/watch/r/{shop.report_token}/").status_code == 200

    staff.post(url, {"action": "suspend"})
    assert client.get(f"/watch/r/{shop.report_token}/").status_code == 404
    staff.post(url, {"action": "resume"})
    assert client.get(f"/watch/r/{shop.report_token}/").status_code == 200

    refused = staff.post(url, {"action": "approve"}, follow=True)
    assert "いまの状態では、その操作はできません" in refused.content.decode()
    unknown = staff.post(url, {"action": "explode"}, follow=True)
    assert "操作がわかりませんでした" in unknown.content.decode()


def test_a_declined_applicant_is_told(client, sara):
    client.post("/watch/join/", APPLICATION)
    business = WatchBusiness.objects.get()
    centre_client(sara).post(f"/watch/staff/businesses/{business.pk}/", {"action": "decline"})
    business.refresh_from_db()
    assert business.status == BusinessStatus.DECLINED
    assert Message.objects.filter(
        to="hikari@example.org", subject__contains="登録について"
    ).exists()
