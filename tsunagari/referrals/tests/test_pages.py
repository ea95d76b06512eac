"""The member pages: referring, bad input, reading details, recording, withdrawing."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagari.outbox.models import Message
from tsunagari.referrals.models import Referral, ReferralStatus
from tsunagari.referrals.tests.conftest import verified
from tsunagari.sensitive.models import AccessRecord, Action

pytestmark = pytest.mark.django_db


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "person_name": "山田 花子",
        "contact_how": "099-9999-9999",
        "contact_when": "平日の午後",
        "language": "ja",
        "needs": ["connection"],
        "urgency": "normal",
        "note": "食事会で話を聞きました。",
        "consent_method": "spoken",
        "consent_given_on": timezone.localdate().isoformat(),
        "shared": ["name", "contact", "needs", "note"],
        "consent_confirmed": "on",
    }
    data.update(changes)
    return data


def test_it_sends_a_referral_from_the_form(client, alice, charlie, desk_b):
    verified(client, alice)
    response = client.post(reverse("referrals:new", args=[desk_b.pk]), _form())
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert str(referral.from_organization) == "つながりテスト食堂"
    assert referral.consent.method == "spoken" and referral.consent.recorded_by == alice
    assert Message.objects.filter(to="charlie@example.org").exists()
    page = client.get(response["Location"]).content.decode()
    assert "送った" in page and referral.reference in page
    assert "山田" not in page and "099-9999" not in page  # the facts page never shows details


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"person_name": "山田\r\n花子"}, "改行や制御文字は入れられません"),
        ({"contact_how": "099-9999-9999\n"}, "改行や制御文字は入れられません"),
        ({"note": "あ" * 501}, "500文字以内で入力してください（いまは501文字です）"),
        ({"person_name": "あ" * 61}, "60文字以内で入力してください"),
        ({"consent_given_on": "2026-02-30"}, "日付を正しく入力してください"),
        ({"consent_given_on": "2026/13/01"}, "日付を正しく入力してください"),
        (
            {"consent_given_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "これからの日付は入れられません",
        ),
        ({"consent_confirmed": ""}, "ご本人の同意がないと、つなぐことはできません"),
        ({"shared": ["needs"]}, "名前と連絡先を伝えてよいと言われていないと"),
        ({"consent_method": ""}, "どのように同意をもらったかをえらんでください"),
    ],
)
def test_it_refuses_bad_input_plainly_and_keeps_what_was_typed(
    client, alice, desk_b, changes, message
):
    verified(client, alice)
    response = client.post(reverse("referrals:new", args=[desk_b.pk]), _form(**changes))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "平日の午後" in html  # the other answers stay in the form
    assert not Referral.objects.exists() and not Message.objects.exists()


def test_it_says_so_when_the_person_is_already_referred(client, alice, bob, referral, desk_b):
    verified(client, bob)
    response = client.post(
        reverse("referrals:new", args=[desk_b.pk]), _form(person_name="山田　花子")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "すでにこの相談先へつながれていて" in html and referral.reference in html
    assert Referral.objects.count() == 1


def test_it_reveals_details_to_the_receiver_and_records_the_read(client, charlie, referral):
    verified(client, charlie)
    html = client.get(reverse("referrals:details", args=[referral.pk])).content.decode()
    assert "山田 花子" in html and "099-9999-9999" in html and "食事会で話を聞きました。" in html
    read = AccessRecord.objects.get(action=Action.READ, object_id=str(referral.pk))
    assert read.actor_id == charlie.pk and read.purpose == "受けたつなぎへの対応"


def test_it_records_the_receivers_steps_and_the_sender_sees_them(client, charlie, alice, referral):
    verified(client, charlie)
    move = reverse("referrals:move", args=[referral.pk])
    client.post(move, {"to": "acknowledged"})
    client.post(move, {"to": "contacted", "reason": "電話で話せました"})
    response = client.post(move, {"to": "connected"})
    assert response.status_code == 302
    verified(client, alice)
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "支援につながった" in page and "電話で話せました" in page
    assert "商店会 ちゃーりー" in page  # who moved it


def test_it_asks_for_a_reason_when_refusing_and_changes_nothing(client, charlie, referral):
    verified(client, charlie)
    response = client.post(reverse("referrals:move", args=[referral.pk]), {"to": "no_capacity"})
    assert response.status_code == 400
    assert "この変更には理由を書いてください" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_it_refuses_a_move_the_state_does_not_allow(client, charlie, referral):
    verified(client, charlie)
    response = client.post(reverse("referrals:move", args=[referral.pk]), {"to": "connected"})
    assert response.status_code == 400
    assert "いまの状態からは、その変更はできません" in response.content.decode()


def test_it_refuses_a_reason_with_a_line_break(client, charlie, referral):
    verified(client, charlie)
    response = client.post(
        reverse("referrals:move", args=[referral.pk]),
        {"to": "not_eligible", "reason": "市外\r\nの方"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "改行や制御文字は入れられません" in html


def test_the_sender_withdraws_an_unfinished_referral(client, bob, charlie, referral):
    Message.objects.all().delete()
    verified(client, bob)
    client.post(reverse("referrals:withdraw", args=[referral.pk]), {"reason": "ご本人が入院"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert Message.objects.filter(to="charlie@example.org", subject__contains="取り下げ").exists()
    response = client.post(reverse("referrals:withdraw", args=[referral.pk]), {"reason": "再"})
    assert response.status_code == 302  # told plainly on the page, nothing changes
    assert referral.events.filter(to_status=ReferralStatus.WITHDRAWN).count() == 1


def test_withdrawing_consent_erases_the_details_and_keeps_the_fact(client, alice, referral):
    verified(client, alice)
    client.post(
        reverse("referrals:consent_withdraw", args=[referral.pk]),
        {"confirm": "on", "reason": "電話で取り消し"},
    )
    referral = Referral.objects.get(pk=referral.pk)
    assert referral.is_erased and referral.status == ReferralStatus.WITHDRAWN
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "お名前と連絡先は消しました" in html
    erase = AccessRecord.objects.get(action=Action.ERASE, object_id=str(referral.pk))
    assert "person_name" in erase.fields


def test_the_receiver_passes_a_person_on_to_another_service(
    client, charlie, referral, city_desk, org_b
):
    referral.acknowledge(by=charlie)
    verified(client, charlie)
    onward = client.get(reverse("referrals:onward", args=[referral.pk]), {"q": "市の"})
    url = reverse("referrals:new", args=[city_desk.pk]) + f"?previous={referral.pk}"
    assert url in onward.content.decode()
    assert "ほかへつないだ" in client.get(url).content.decode()
    response = client.post(url, _form(previous=str(referral.pk)))
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFERRED_ON
    assert referral.next_referral is not None
    assert referral.next_referral.from_organization == org_b
    assert referral.next_referral.relayed  # the city desk is not a member


def test_the_list_shows_sent_received_and_relayed(client, alice, charlie, sara, referral, relayed):
    verified(client, charlie)
    html = client.get(reverse("referrals:list")).content.decode()
    assert referral.reference in html and relayed.reference not in html
    verified(client, sara)
    html = client.get(reverse("referrals:list")).content.decode()
    assert relayed.reference in html and referral.reference not in html


def test_it_lists_the_worries_with_the_readers_list_separator(client, alice, desk_b):
    from django.conf import settings

    verified(client, alice)
    client.post(reverse("referrals:new", args=[desk_b.pk]), _form(needs=["connection", "money"]))
    detail = reverse("referrals:detail", args=[Referral.objects.get().pk])
    assert "<dd>孤独・つながり・居場所、お金・生活</dd>" in client.get(detail).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(detail).content.decode()
    assert ", Money and daily living</dd>" in html
