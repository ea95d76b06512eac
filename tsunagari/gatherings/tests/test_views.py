import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tsunagari.gatherings.models import Gathering, GatheringState
from tsunagari.gatherings.tests.conftest import make_gathering, signed_in

pytestmark = pytest.mark.django_db

DECEMBER = {"start": "2026-12-01", "end": "2026-12-31"}


@pytest.fixture
def published(salon):
    salon.publish()
    return salon


# --- public calendar -----------------------------------------------------------------


def test_it_lists_upcoming_meetings_of_published_gatherings(client, org_a):
    today = timezone.localdate()
    gathering = make_gathering(
        org_a, starts_on=today, weekday=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][today.weekday()]
    )
    gathering.publish()
    make_gathering(org_a, title="（テスト）下書きのつどい", starts_on=today)
    response = client.get(reverse("gatherings:calendar"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "（テスト）ひだまりサロン" in html
    assert "ひとりでの初参加歓迎" in html
    assert "下書きのつどい" not in html


def test_it_filters_by_ward_kind_audience_and_dates(client, published, org_a):
    other = make_gathering(
        org_a, title="（テスト）北区こども食堂", ward="kita", kind="kodomo_shokudo"
    )
    other.audiences.set([])
    other.publish()
    html = client.get(reverse("gatherings:calendar"), {**DECEMBER, "ward": "kita"}).content.decode()
    assert "北区こども食堂" in html and "ひだまりサロン" not in html
    html = client.get(
        reverse("gatherings:calendar"), {**DECEMBER, "kind": "salon"}
    ).content.decode()
    assert "ひだまりサロン" in html and "北区こども食堂" not in html
    html = client.get(
        reverse("gatherings:calendar"), {**DECEMBER, "audience": "elderly"}
    ).content.decode()
    assert "ひだまりサロン" in html and "北区こども食堂" not in html
    html = client.get(
        reverse("gatherings:calendar"), {"start": "2026-11-01", "end": "2026-11-30"}
    ).content.decode()
    assert "ひだまりサロン" not in html  # it starts in December
    html = client.get(reverse("gatherings:calendar"), DECEMBER).content.decode()
    assert "12月8日" in html


@pytest.mark.parametrize(
    "params",
    [
        {"ward": "atlantis"},
        {"kind": "<script>"},
        {"audience": "x" * 5000},
        {"start": "2026-13-45"},
        {"start": "2026-12-31", "end": "2026-12-01"},
        {"start": "2000-01-01", "end": "2099-12-31"},
        {"start": "9999-12-31"},
        {"end": "0001-01-01"},
    ],
)
def test_it_answers_bad_filters_with_a_message_not_an_error(client, published, params):
    response = client.get(reverse("gatherings:calendar"), params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    feed = client.get(reverse("gatherings_feed"), params)
    assert feed.status_code == 200
    Calendar.from_ical(feed.content)


def test_it_explains_a_reversed_date_range(client, published):
    html = client.get(
        reverse("gatherings:calendar"), {"start": "2026-12-31", "end": "2026-12-01"}
    ).content.decode()
    assert "「いつまで」は「いつから」より後の日にしてください。" in html


def test_it_shows_a_published_gathering_and_hides_drafts(client, published, org_a):
    response = client.get(reverse("gatherings:detail", args=[published.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "毎週火曜日" in html and "（テスト）○○集会所" in html
    draft = make_gathering(org_a)
    assert client.get(reverse("gatherings:detail", args=[draft.pk])).status_code == 404


# --- iCalendar feed --------------------------------------------------------------------


def test_it_serves_the_whole_calendar_as_icalendar(client, published):
    response = client.get("/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    [event] = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "（テスト）ひだまりサロン"
    assert event["UID"] == f"gathering-{published.pk}@tsunagari.sakai"
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event.decoded("DTSTART").isoformat() == "2026-12-01T10:00:00+09:00"
    assert event.decoded("DTEND").isoformat() == "2026-12-01T12:00:00+09:00"
    rule: Any = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    # The UID stays the same from one download to the next.
    again = Calendar.from_ical(client.get("/events.ics").content)
    assert [e["UID"] for e in again.walk("VEVENT")] == [event["UID"]]


def test_it_writes_until_in_utc_and_monthly_rules(client, org_a):
    gathering = make_gathering(
        org_a, recurrence="monthly_nth", weekday="SA", week_of_month=2, until=date(2027, 3, 31)
    )
    gathering.publish()
    [event] = Calendar.from_ical(client.get("/events.ics").content).walk("VEVENT")
    rule: Any = event["RRULE"]
    assert rule["BYDAY"] == ["2SA"]
    until = rule["UNTIL"][0]
    assert until.utcoffset() == timedelta(0)
    assert until.isoformat() == "2027-03-31T14:59:59+00:00"


def test_it_filters_the_feed_like_the_page(client, published, org_a):
    other = make_gathering(org_a, title="（テスト）北区の体操", ward="kita", kind="exercise")
    other.audiences.set([])
    other.publish()
    make_gathering(org_a, title="（テスト）下書き")
    titles = lambda params: sorted(  # noqa: E731
        str(e["SUMMARY"])
        for e in Calendar.from_ical(client.get("/events.ics", params).content).walk("VEVENT")
    )
    assert titles({}) == ["（テスト）ひだまりサロン", "（テスト）北区の体操"]
    assert titles({"ward": "kita"}) == ["（テスト）北区の体操"]
    assert titles({"kind": "salon"}) == ["（テスト）ひだまりサロン"]
    assert titles({"audience": "elderly"}) == ["（テスト）ひだまりサロン"]
    assert titles({"start": "2026-11-01", "end": "2026-11-30"}) == []


def test_it_links_the_page_to_the_filtered_feed(client, published):
    html = client.get(reverse("gatherings:calendar"), {"ward": "sakai"}).content.decode()
    assert "/events.ics?ward=sakai" in html


# --- members manage their own gatherings --------------------------------------------------


def _form(**extra):
    data = {
        "title": "（テスト）新しいカフェ",
        "kind": "cafe",
        "description": "だれでもどうぞ",
        "recurrence": "monthly_nth",
        "weekday": "TH",
        "week_of_month": "3",
        "day_of_month": "",
        "starts_on": "2026-12-01",
        "until": "",
        "start_time": "13:30",
        "end_time": "15:00",
        "ward": "naka",
        "place_name": "（テスト）○○会館",
        "address_text": "（テスト）中区○○町",
        "cost": "無料",
        "accessibility": "段差なし",
        "newcomers_welcome_alone": "on",
        "joining": "just_come",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("name", ["manage", "create", "edit"])
def test_it_sends_anonymous_visitors_to_login(client, salon, org_a, name):
    args = {"manage": [], "create": [org_a.pk], "edit": [salon.pk]}[name]
    response = client.get(reverse(f"gatherings:{name}", args=args))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["plain_user", "charlie", "sara"])
def test_it_hides_org_a_gatherings_from_outsiders(client, request, salon, org_a, who):
    signed_in(client, request.getfixturevalue(who))
    assert client.get(reverse("gatherings:create", args=[org_a.pk])).status_code == 404
    assert client.post(reverse("gatherings:create", args=[org_a.pk]), _form()).status_code == 404
    assert client.get(reverse("gatherings:edit", args=[salon.pk])).status_code == 404
    assert client.post(reverse("gatherings:edit", args=[salon.pk]), _form()).status_code == 404
    assert client.post(reverse("gatherings:publish", args=[salon.pk])).status_code == 404
    salon.refresh_from_db()
    assert salon.state == GatheringState.DRAFT and salon.title == "（テスト）ひだまりサロン"
    assert Gathering.objects.count() == 1


@pytest.mark.parametrize("who", ["plain_user", "sara"])
def test_it_answers_404_on_the_manage_page_without_an_organisation(client, request, who):
    signed_in(client, request.getfixturevalue(who))
    assert client.get(reverse("gatherings:manage")).status_code == 404


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_it_lets_members_of_the_organisation_manage_its_gatherings(
    client, request, salon, org_a, who
):
    signed_in(client, request.getfixturevalue(who))
    html = client.get(reverse("gatherings:manage")).content.decode()
    assert "（テスト）ひだまりサロン" in html
    assert client.get(reverse("gatherings:create", args=[org_a.pk])).status_code == 200
    assert client.get(reverse("gatherings:edit", args=[salon.pk])).status_code == 200


def test_it_creates_a_draft_for_the_members_organisation(client, bob, org_a, org_b):
    signed_in(client, bob)
    response = client.post(
        reverse("gatherings:create", args=[org_a.pk]),
        _form(
            organization=str(org_b.pk),
            state="published",
            service="",
            place_entered_by=str(org_b.pk),
        ),
    )
    assert response.status_code == 302
    gathering = Gathering.objects.get(title="（テスト）新しいカフェ")
    assert gathering.organization == org_a
    assert gathering.state == GatheringState.DRAFT
    assert gathering.service is None
    assert gathering.place_entered_by == org_a and gathering.place_entered_at is not None
    assert gathering.created_by == bob
    assert gathering.newcomers_welcome_alone


def test_it_shows_errors_next_to_fields_and_saves_nothing(client, alice, org_a):
    signed_in(client, alice)
    response = client.post(
        reverse("gatherings:create", args=[org_a.pk]),
        _form(weekday="", end_time="09:00", title="x" * 500, ward="outside"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "曜日を選んでください。" in html
    assert "終了時刻は開始時刻より後にしてください。" in html
    assert "120 文字以下" in html or "120" in html
    assert not Gathering.objects.exists()


def test_it_publishes_and_withdraws_through_the_buttons(client, alice, sara, salon):
    signed_in(client, alice)
    assert client.post(reverse("gatherings:publish", args=[salon.pk])).status_code == 302
    salon.refresh_from_db()
    assert salon.state == GatheringState.SUBMITTED  # staff look first (decision 0024)
    salon.approve(by=sara)
    salon.refresh_from_db()
    assert salon.state == GatheringState.PUBLISHED and salon.service.status == "active"
    # Publishing twice is refused with a message, not an error.
    response = client.post(reverse("gatherings:publish", args=[salon.pk]), follow=True)
    assert "すでに公開されています" in response.content.decode()
    assert client.post(reverse("gatherings:withdraw", args=[salon.pk])).status_code == 302
    salon.refresh_from_db()
    assert salon.state == GatheringState.WITHDRAWN and salon.service.status == "inactive"
    assert client.get(reverse("gatherings:publish", args=[salon.pk])).status_code == 405


def test_it_updates_the_service_when_a_published_gathering_is_edited(client, bob, published, org_b):
    signed_in(client, bob)
    response = client.post(
        reverse("gatherings:edit", args=[published.pk]),
        _form(title="（テスト）名前を変えたサロン", organization=str(org_b.pk), state="draft"),
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.state == GatheringState.PUBLISHED
    assert published.organization.name == "つながりテスト食堂"
    service = published.service
    assert service.name == "（テスト）名前を変えたサロン"
    assert service.ward == "naka"
    schedule = service.schedules.get()
    assert (schedule.freq, schedule.byday) == ("MONTHLY", "3TH")
    assert (
        service.service_at_locations.get().location.addresses.get().address_1
        == "（テスト）中区○○町"
    )


def test_it_keeps_a_busy_calendar_page_light_and_links_to_the_rest(client, org_a):
    days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    for i in range(60):
        make_gathering(org_a, title=f"（テスト）つどい{i:02d}", weekday=days[i % 7]).publish()
    response = client.get(reverse("gatherings:calendar"), DECEMBER)
    html = response.content.decode()
    assert len(response.content) < 60 * 1024
    assert "このあとの予定を見る" in html
    assert "12月31日" not in html
    seen = html
    for _page in range(5):  # follow 「このあとの予定を見る」 to the end of the month
        more = re.search(r'href="([^"]*)">このあとの予定を見る', html)
        if more is None:
            break
        response = client.get(more.group(1).replace("&amp;", "&"))
        assert len(response.content) < 60 * 1024
        html = response.content.decode()
        seen += html
    assert "12月31日" in seen
    assert seen.count("（テスト）つどい00") == 4  # every Monday of December 2026, once


def test_it_answers_a_calendar_apps_head_request_for_the_feed(client, published):
    response = client.head("/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_it_lets_the_owner_write_the_gathering_in_english(client, alice, salon):
    from django.conf import settings

    signed_in(client, alice)
    url = reverse("gatherings:translations", args=[salon.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "en",
            "translations-0-field": "title",
            "translations-0-text": "(Test) Sunny salon",
        },
    )
    assert response.status_code == 302
    salon.state = "published"
    salon.save()
    reader = Client()
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = reader.get(reverse("gatherings:detail", args=[salon.pk])).content.decode()
    assert "<h1>(Test) Sunny salon</h1>" in html
    assert '<span lang="ja">（テスト）○○集会所</span>' in html  # the place, not translated


def test_it_writes_the_gatherings_translations_to_its_history(client, alice, sara, salon):
    signed_in(client, alice)
    url = reverse("gatherings:translations", args=[salon.pk])
    page = client.get(url).content.decode()
    assert "「（テスト）ひだまりサロン」の案内を、ほかのことばで書けます。" in page
    assert reverse("gatherings:edit", args=[salon.pk]) in page  # back to the edit form
    client.post(
        url,
        {
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "pt-br",
            "translations-0-field": "cost",
            "translations-0-text": "100 ienes",
        },
    )
    signed_in(client, sara)
    html = client.get(reverse("gatherings:history", args=[salon.pk])).content.decode()
    assert "cost (pt-br)" in html
    assert "100 ienes" in html


@pytest.mark.parametrize("who", ["plain_user", "charlie", "sara"])
def test_it_keeps_outsiders_from_the_translations_page(client, request, salon, who):
    signed_in(client, request.getfixturevalue(who))
    url = reverse("gatherings:translations", args=[salon.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"translations-TOTAL_FORMS": "0"}).status_code == 404
