"""「この窓口から連絡してほしい」: the person's own request, with no account."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tsunagari.outbox.models import Message
from tsunagari.referrals.models import Referral, ReferralStatus, Source

pytestmark = pytest.mark.django_db


def _ask(client: Client, desk: Any, **changes: Any) -> Any:
    url = reverse("referrals:self_new", args=[desk.pk])
    form = client.get(url).context["form"]
    data = {
        "person_name": "たろう",
        "contact_how": "088-8888-8888",
        "contact_when": "平日の夕方",
        "language": "ja",
        "navigator_text": "",
        "consent": "on",
        "submission_key": form.initial["submission_key"],
    }
    data.update(changes)
    return client.post(url, data)


def test_it_sends_to_the_member_desk_and_shows_a_code_and_a_secret_link(client, desk_b, charlie):
    response = _ask(client, desk_b)
    referral = Referral.objects.get()
    assert response["Location"] == reverse("referrals:self_done", args=[referral.reference])
    assert referral.source == Source.SELF and not referral.relayed
    assert referral.from_organization is None
    assert referral.consent.method == "online"
    assert set(Message.objects.values_list("to", flat=True)) == {
        "shotenkai@example.org",
        "charlie@example.org",
    }
    done = client.get(response["Location"]).content.decode()
    assert referral.reference in done
    link = done.split('class="status-link" href="')[1].split('"')[0]
    status = Client().get(link)  # another browser, with only the link
    html = status.content.decode()
    assert status.status_code == 200
    assert "送った" in html and "商店会のよろず相談" in html
    assert "たろう" not in html and "080-0000" not in html  # no personal details
    assert Client().get(response["Location"]).status_code == 404  # the code page alone is private


def test_it_sends_to_platform_staff_when_the_desk_is_not_a_member(client, city_desk, sara):
    _ask(client, city_desk)
    referral = Referral.objects.get()
    assert referral.relayed
    assert list(Message.objects.values_list("to", flat=True)) == ["sara@example.org"]


def test_it_attaches_what_was_typed_only_when_asked(client, desk_b, charlie):
    url = reverse("referrals:self_new", args=[desk_b.pk])
    arriving = client.post(url, {"q": "夜になると不安で眠れません"})
    html = arriving.content.decode()
    assert arriving.status_code == 200
    assert "夜になると不安で眠れません" in html
    assert 'name="attach"' in html and 'name="attach" checked' not in html
    _ask(client, desk_b, navigator_text="夜になると不安で眠れません")
    first = Referral.objects.get()
    assert first.reveal("navigator_text", reader=charlie, purpose="試験") == ""
    assert "navigator_text" not in first.consent.shared
    _ask(client, desk_b, navigator_text="夜になると不安", attach="on", contact_how="a@example.org")
    second = Referral.objects.exclude(pk=first.pk).get()
    assert second.reveal("navigator_text", reader=charlie, purpose="試験") == "夜になると不安"
    assert "navigator_text" in second.consent.shared


def test_pressing_twice_records_one_request(client, desk_b):
    url = reverse("referrals:self_new", args=[desk_b.pk])
    key = client.get(url).context["form"].initial["submission_key"]
    data = {"contact_how": "088-8888-8888", "language": "ja", "consent": "on"}
    first = client.post(url, {**data, "submission_key": key})
    second = client.post(url, {**data, "submission_key": key})
    assert Referral.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert Message.objects.count() == 1  # the desk is told once


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"contact_how": "088-8888-8888\r\nBcc: x@example.org"}, "改行や制御文字は入れられません"),
        ({"contact_how": ""}, "連絡先を入力してください"),
        ({"contact_when": "夕方" * 51}, "100文字以内で入力してください"),
        ({"navigator_text": "あ" * 2001, "attach": "on"}, "2000文字以内で入力してください"),
        ({"consent": ""}, "同意していただかないと、窓口に伝えられません"),
        ({"submission_key": "短い"}, "もう一度はじめから入力してください"),
    ],
)
def test_it_refuses_bad_input_plainly_and_keeps_what_was_typed(client, desk_b, changes, message):
    response = _ask(client, desk_b, **changes)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "平日の夕方" in html
    assert not Referral.objects.exists()


def test_it_slows_down_many_requests_from_one_address(client, desk_b, settings):
    settings.REFERRAL_SELF_PER_HOUR = 2
    for n in range(2):
        assert _ask(client, desk_b, contact_how=f"08{n}-0000-0000").status_code == 302
    response = _ask(client, desk_b, contact_how="077-7777-7777")
    assert response.status_code == 429
    assert "しばらくたってから" in response.content.decode()
    assert "077-7777-7777" in response.content.decode()  # kept
    assert Referral.objects.count() == 2


def test_it_says_plainly_when_the_same_contact_already_asked(client, desk_b):
    _ask(client, desk_b)
    response = _ask(client, desk_b)
    assert response.status_code == 400
    assert "もう受け付けています" in response.content.decode()
    assert Referral.objects.count() == 1


def _link(client: Client, desk: Any) -> tuple[Referral, str]:
    response = _ask(client, desk)
    done = client.get(response["Location"]).content.decode()
    return Referral.objects.get(), done.split('class="status-link" href="')[1].split('"')[0]


def test_a_wrong_or_expired_link_says_so_and_reveals_nothing(client, desk_b):
    referral, link = _link(client, desk_b)
    wrong = Client().get(link[:-4] + "abc/")
    html = wrong.content.decode()
    assert wrong.status_code == 404
    assert "このリンクでは確かめられません" in html
    assert "商店会のよろず相談" not in html
    assert "送った" not in html  # no status either (the address itself is echoed by the menu)
    unknown = Client().get(reverse("referrals:status", args=["ZZZZ-ZZZZ", "x" * 32]))
    assert (
        unknown.status_code == 404 and "このリンクでは確かめられません" in unknown.content.decode()
    )
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        expired = Client().get(link)
    assert expired.status_code == 410
    assert "有効期限が切れました" in expired.content.decode()
    assert "商店会のよろず相談" not in expired.content.decode()


def test_the_status_shows_what_the_desk_recorded(client, desk_b, charlie):
    referral, link = _link(client, desk_b)
    referral.acknowledge(by=charlie)
    assert "受けた" in Client().get(link).content.decode()


def test_the_person_can_take_it_back_from_the_status_page(client, desk_b, charlie):
    referral, link = _link(client, desk_b)
    other = Client()
    html = other.get(link).content.decode()
    assert "お願いを取り消す" in html
    other.post(link)
    referral = Referral.objects.get(pk=referral.pk)
    assert referral.status == ReferralStatus.WITHDRAWN and referral.is_erased
    assert referral.reveal("contact_how", reader=charlie, purpose="試験") == ""
    assert "お願いを取り消す" not in other.get(link).content.decode()


def test_the_navigator_answer_offers_it_on_each_desk(client):
    from tsunagari.directory.tests.factories import make_service
    from tsunagari.navigator.index import invalidate

    desk = make_service("（テスト）お金の相談", needs=("money",), kind="desk")
    invalidate()
    html = client.get(reverse("navigator:answer"), {"q": "借金で困っています"}).content.decode()
    assert reverse("referrals:self_new", args=[desk.pk]) in html
    assert "この窓口から連絡してほしい" in html
    assert 'name="q" value="借金で困っています"' in html  # carried in a form, not the address
    invalidate()
