"""Organisers pause, end and delete gatherings; every change is kept; leaving members' gatherings go."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagari.core.transitions import InvalidTransition
from tsunagari.directory.models import ServiceStatus
from tsunagari.gatherings.models import TOKYO, Gathering, GatheringState, Joining
from tsunagari.gatherings.tests.conftest import make_gathering, signed_in
from tsunagari.listings.models import ListingChange

pytestmark = pytest.mark.django_db


def _this_weekday(day: date) -> str:
    return ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][day.weekday()]


@pytest.fixture
def weekly_now(org_a):
    today = timezone.localdate()
    gathering = make_gathering(org_a, starts_on=today, weekday=_this_weekday(today))
    gathering.publish()
    return gathering


def _calendar(client) -> str:
    return client.get(reverse("gatherings:calendar")).content.decode()


def test_it_pauses_a_gathering_and_says_so_on_its_page(client, alice, weekly_now):
    signed_in(client, alice)
    response = client.post(reverse("gatherings:pause", args=[weekly_now.pk]), follow=True)
    assert "お休みにしました" in response.content.decode()
    weekly_now.refresh_from_db()
    assert weekly_now.state == GatheringState.PAUSED
    assert weekly_now.service.status == ServiceStatus.TEMPORARILY_CLOSED
    client.logout()
    assert "（テスト）ひだまりサロン" not in _calendar(client)
    page = client.get(reverse("gatherings:detail", args=[weekly_now.pk])).content.decode()
    assert "このつどいは、いまはお休みしています。" in page and "次の予定" not in page
    # Resuming puts it back on the calendar.
    signed_in(client, alice)
    client.post(reverse("gatherings:publish", args=[weekly_now.pk]))
    client.logout()
    assert "（テスト）ひだまりサロン" in _calendar(client)


def test_it_ends_a_gathering_from_today(client, alice, weekly_now):
    signed_in(client, alice)
    client.post(reverse("gatherings:end", args=[weekly_now.pk]))
    weekly_now.refresh_from_db()
    assert weekly_now.state == GatheringState.ENDED
    assert weekly_now.until == timezone.localdate()
    assert weekly_now.service.status == ServiceStatus.DEFUNCT
    client.logout()
    assert "（テスト）ひだまりサロン" not in _calendar(client)
    assert "（テスト）ひだまりサロン" not in client.get("/events.ics").content.decode()
    page = client.get(reverse("gatherings:detail", args=[weekly_now.pk])).content.decode()
    assert "で終わりました。" in page


def test_it_deletes_a_gathering_but_keeps_its_history(client, alice, weekly_now):
    signed_in(client, alice)
    response = client.post(reverse("gatherings:delete", args=[weekly_now.pk]), follow=True)
    assert "つどいを削除しました。変更の記録は残ります。" in response.content.decode()
    assert (
        "（テスト）ひだまりサロン" not in client.get(reverse("gatherings:manage")).content.decode()
    )
    assert client.get(reverse("gatherings:edit", args=[weekly_now.pk])).status_code == 404
    assert client.get(reverse("gatherings:detail", args=[weekly_now.pk])).status_code == 404
    states = list(
        ListingChange.for_resource("gathering", weekly_now.pk)
        .filter(field_name="state")
        .order_by("last_action_date")
        .values_list("previous_value", "replacement_value")
    )
    assert states == [("draft", "published"), ("published", "deleted")]
    weekly_now.refresh_from_db()
    assert weekly_now.service.status == ServiceStatus.DEFUNCT


@pytest.mark.parametrize(
    ("start", "move"),
    [
        (GatheringState.DRAFT, "pause"),
        (GatheringState.DRAFT, "end"),
        (GatheringState.ENDED, "publish"),
        (GatheringState.ENDED, "pause"),
        (GatheringState.DELETED, "publish"),
        (GatheringState.DELETED, "delete_by_organizer"),
        (GatheringState.WITHDRAWN, "pause"),
    ],
)
def test_it_refuses_moves_the_lifecycle_does_not_allow(org_a, start, move):
    gathering = make_gathering(org_a, state=start)
    with pytest.raises(InvalidTransition):
        getattr(gathering, move)()
    gathering.refresh_from_db()
    assert gathering.state == start
    assert not gathering.history().exists()


def test_it_keeps_every_edit_in_the_history_with_who_and_what(client, alice, bob, org_a, sara):
    signed_in(client, bob)
    data = {
        "title": "（テスト）新しいカフェ",
        "kind": "cafe",
        "recurrence": "weekly",
        "weekday": "TH",
        "starts_on": "2026-12-03",
        "start_time": "13:30",
        "end_time": "15:00",
        "ward": "naka",
        "place_name": "（テスト）○○会館",
        "joining": "just_come",
        "skips_holidays": "on",
    }
    client.post(reverse("gatherings:create", args=[org_a.pk]), data)
    gathering = Gathering.objects.get(title="（テスト）新しいカフェ")
    client.post(
        reverse("gatherings:edit", args=[gathering.pk]),
        {**data, "weekday": "FR", "what_to_bring": "（テスト）水筒"},
    )
    html = client.get(reverse("gatherings:history", args=[gathering.pk])).content.decode()
    assert "曜日" in html and "木曜日" in html and "金曜日" in html
    assert "持ちもの" in html and "（テスト）水筒" in html
    assert "bob@example.org" in html
    change = gathering.history().get(field_name="weekday", last_action_type="update")
    assert (change.previous_value, change.replacement_value) == ("TH", "FR")
    # Staff can read it; another organisation cannot.
    client.logout()
    signed_in(client, sara)
    assert client.get(reverse("gatherings:history", args=[gathering.pk])).status_code == 200


def test_it_hides_the_history_from_other_organisations(client, charlie, salon):
    signed_in(client, charlie)
    assert client.get(reverse("gatherings:history", args=[salon.pk])).status_code == 404
    assert client.post(reverse("gatherings:pause", args=[salon.pk])).status_code == 404
    assert client.post(reverse("gatherings:delete", args=[salon.pk])).status_code == 404


def test_it_withdraws_the_gatherings_of_an_organisation_that_leaves(client, sara, org_a, salon):
    salon.publish()
    other = make_gathering(org_a, title="（テスト）休み中の会")
    other.publish()
    other.pause()
    signed_in(client, sara)
    response = client.post(
        reverse("partners:staff_application", args=[org_a.member.pk]), {"action": "leave"}
    )
    assert response.status_code == 302
    states = dict(Gathering.objects.values_list("title", "state"))
    assert states == {
        "（テスト）ひだまりサロン": GatheringState.WITHDRAWN,
        "（テスト）休み中の会": GatheringState.WITHDRAWN,
    }
    client.logout()
    assert client.get(reverse("gatherings:detail", args=[salon.pk])).status_code == 404
    assert salon.history().filter(replacement_value="withdrawn").get().updated_by == sara.email


# --- a page one can act on -----------------------------------------------------------


def test_it_says_how_to_join_whom_to_ask_and_what_to_bring(client, org_a):
    gathering = make_gathering(
        org_a,
        joining=Joining.BOOK_FIRST,
        how_to_book="（テスト）前の週までにメールで申し込んでください。",
        what_to_bring="（テスト）上ばき",
        accessibility="（テスト）車いすで入れます。",
    )
    gathering.publish()
    member = org_a.member
    member.contact_public = True
    member.save()
    html = client.get(reverse("gatherings:detail", args=[gathering.pk])).content.decode()
    assert "はじめに申し込みが必要です。" in html
    assert "（テスト）前の週までにメールで申し込んでください。" in html
    assert "（テスト）上ばき" in html and "（テスト）車いすで入れます。" in html
    assert "ひとりで、はじめて来る方も歓迎です。" in html
    assert 'href="mailto:shokudo@example.org"' in html
    member.contact_public = False
    member.save()
    html = client.get(reverse("gatherings:detail", args=[gathering.pk])).content.decode()
    assert "shokudo@example.org" not in html
    assert "主催の団体は連絡先を公開していません。" in html


def test_it_asks_how_to_book_when_booking_is_needed(client, alice, salon):
    signed_in(client, alice)
    response = client.post(
        reverse("gatherings:edit", args=[salon.pk]),
        {
            "title": salon.title,
            "kind": salon.kind,
            "recurrence": "weekly",
            "weekday": "TU",
            "starts_on": "2026-12-01",
            "start_time": "10:00",
            "end_time": "12:00",
            "ward": "sakai",
            "place_name": salon.place_name,
            "joining": "book_first",
        },
    )
    assert response.status_code == 200
    assert "申し込みのしかたを書いてください。" in response.content.decode()


def test_it_does_not_show_a_meeting_that_has_ended_as_upcoming(org_a):
    gathering = make_gathering(org_a, weekday="TU", starts_on=date(2026, 12, 1))
    gathering.publish()
    during = datetime.combine(date(2026, 12, 8), time(11, 0), tzinfo=TOKYO)
    after = datetime.combine(date(2026, 12, 8), time(12, 30), tzinfo=TOKYO)
    assert gathering.upcoming_sessions(now=during)[0].starts_at.date() == date(2026, 12, 8)
    assert gathering.upcoming_sessions(now=after)[0].starts_at.date() == date(2026, 12, 15)
    assert all(
        s.starts_at > after - timedelta(hours=2) for s in gathering.upcoming_sessions(now=after)
    )


def test_it_offers_holiday_rest_by_default_on_the_form(client, alice, org_a):
    signed_in(client, alice)
    html = client.get(reverse("gatherings:create", args=[org_a.pk])).content.decode()
    assert 'name="skips_holidays"' in html
    assert 'name="skips_holidays" id="id_skips_holidays" checked' in html or (
        "checked" in html.split('name="skips_holidays"')[1].split(">")[0]
    )
