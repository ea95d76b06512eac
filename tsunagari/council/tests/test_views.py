"""Council pages as a person uses them, and what bad input gets: a clear message,
never a 500, nothing half-written."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tsunagari.council.models import Case, CaseMember, CaseNote, Conference, Council, Task
from tsunagari.council.tests.conftest import council_signed_in
from tsunagari.sensitive.models import AccessRecord

pytestmark = pytest.mark.django_db


def page(response: Any) -> str:
    return response.content.decode()


def messages_of(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# --- the public notice ---------------------------------------------------------------------


def test_it_says_the_notice_is_in_preparation_when_staff_entered_nothing(client: Client) -> None:
    response = client.get(reverse("council:notice"))
    assert response.status_code == 200
    assert "準備中です" in page(response)


def test_it_publishes_the_council_name_coordinator_and_current_bodies(
    client: Client, council: Council, today: datetime.date
) -> None:
    council.bodies.filter(name="テスト商店会").update(left_on=today - datetime.timedelta(days=3))
    text = page(client.get(reverse("council:notice")))
    assert "テスト地域協議会" in text and "テスト市 福祉局" in text
    assert "つながりテスト食堂" in text and "テスト福祉課" in text
    assert "テスト商店会" not in text


def test_it_shows_demo_councils_only_in_demo_mode_and_marked(client: Client, settings: Any) -> None:
    Council.objects.create(
        name="（デモ）架空協議会", coordinating_body="（デモ）架空機関", is_demo=True
    )
    assert "準備中です" in page(client.get(reverse("council:notice")))
    settings.DEMO_MODE = True
    text = page(client.get(reverse("council:notice")))
    assert "架空協議会" in text and "デモ用の架空のデータです" in text


# --- opening a case ------------------------------------------------------------------------


def test_it_opens_a_case_and_lists_the_opener(alice: Any, m_alice: Any) -> None:
    client = council_signed_in(Client(), alice)
    response = client.post(
        reverse("council:case_new"),
        {"person_name": "テスト 次郎", "situation": "（テスト）仕事をやめてから家にいる。"},
        follow=True,
    )
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == reverse("council:case", args=[case.pk])
    assert "テスト 次郎" in page(response) and "を受け付けました" in page(response)
    assert list(case.listings.values_list("member", flat=True)) == [m_alice.pk]


@pytest.mark.parametrize(
    "data,message",
    [
        ({"person_name": "あ" * 201, "situation": "x"}, "200文字以内にしてください"),
        ({"person_name": "x", "situation": "あ" * 10_001}, "10000文字以内にしてください"),
        ({"person_name": "", "situation": "x"}, "この項目を書いてください"),
    ],
)
def test_it_refuses_bad_case_input_and_writes_nothing(
    alice: Any, m_alice: Any, data: dict[str, str], message: str
) -> None:
    response = council_signed_in(Client(), alice).post(reverse("council:case_new"), data)
    assert response.status_code == 200 and message in page(response)
    assert not Case.objects.exists() and not AccessRecord.objects.exists()


# --- members on a case ---------------------------------------------------------------------


def test_it_refuses_a_member_adding_themselves(case: Case, bob: Any, m_bob: Any) -> None:
    before = CaseMember.objects.count()
    response = council_signed_in(Client(), bob).post(
        reverse("council:case_add_member", args=[case.pk]), {"member": str(m_bob.pk)}, follow=True
    )
    assert "自分自身をケースに加えることはできません" in page(response)
    assert CaseMember.objects.count() == before


def test_it_refuses_listing_a_former_member_or_an_unknown_id(
    case: Case, alice: Any, m_eiko: Any, m_charlie: Any
) -> None:
    client = council_signed_in(Client(), alice)
    url = reverse("council:case_add_member", args=[case.pk])
    for value in (str(m_eiko.pk), "not-a-uuid", ""):
        response = client.post(url, {"member": value}, follow=True)
        assert "構成員" in messages_of(response), value
    assert not case.listings.filter(member=m_charlie).exists()
    client.post(url, {"member": str(m_charlie.pk)})
    assert case.listings.filter(member=m_charlie).exists()


# --- notes, conferences, tasks, closing ----------------------------------------------------


@pytest.mark.parametrize(
    "noted_on,message",
    [
        ("2026-02-30", "ありえない日付です"),
        ("2026-13-01", "ありえない日付です"),
        ("1899-01-01", "日付が古すぎます"),
        ((timezone.localdate() + datetime.timedelta(days=2)).isoformat(), "まだ来ていない日付です"),
    ],
)
def test_it_refuses_impossible_note_dates(
    case: Case, alice: Any, noted_on: str, message: str
) -> None:
    response = council_signed_in(Client(), alice).post(
        reverse("council:note_new", args=[case.pk]),
        {"kind": "situation", "noted_on": noted_on, "body": "（テスト）"},
    )
    assert response.status_code == 200 and message in page(response)
    assert not CaseNote.objects.exists()


def test_it_refuses_a_conference_with_an_attendee_not_on_the_case(
    case: Case, alice: Any, m_alice: Any, m_charlie: Any, today: datetime.date
) -> None:
    response = council_signed_in(Client(), alice).post(
        reverse("council:conference_new", args=[case.pk]),
        {
            "held_on": today.isoformat(),
            "attendees": [str(m_alice.pk), str(m_charlie.pk)],
            "agenda": "a",
            "minutes": "m",
        },
    )
    assert "このケースの担当でない人は出席者に選べません" in page(response)
    assert not Conference.objects.exists()


def test_it_refuses_a_task_for_someone_not_on_the_case_or_with_a_bad_date(
    case: Case, alice: Any, m_alice: Any, m_charlie: Any, today: datetime.date
) -> None:
    from tsunagari.council.services import conference_record

    conference = conference_record(
        case=case,
        by=m_alice,
        held_on=today,
        attendees=[m_alice],
        agenda="a",
        minutes="m",
        decisions="",
    )
    client = council_signed_in(Client(), alice)
    url = reverse("council:task_new", args=[case.pk, conference.pk])
    response = client.post(
        url,
        {"description": "x", "owner": str(m_charlie.pk), "due_on": today.isoformat()},
        follow=True,
    )
    assert "このケースの担当でない人には頼めません" in messages_of(response)
    response = client.post(
        url, {"description": "x", "owner": str(m_alice.pk), "due_on": "2027-02-29"}, follow=True
    )
    assert "ありえない日付です" in messages_of(response)
    assert not Task.objects.exists()


def test_it_closes_a_case_only_with_an_outcome_and_then_takes_no_more_records(
    case: Case, alice: Any
) -> None:
    client = council_signed_in(Client(), alice)
    url = reverse("council:case_close", args=[case.pk])
    response = client.post(url, {"outcome": "", "note": "（テスト）"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == "open"
    client.post(url, {"outcome": "connected", "note": "（テスト）食堂につながった"})
    case.refresh_from_db()
    assert case.status == "closed"
    detail = page(client.get(reverse("council:case", args=[case.pk])))
    assert "支援につながった" in detail and "食堂につながった" in detail
    response = client.get(reverse("council:note_new", args=[case.pk]), follow=True)
    assert "終了したケースには記録を足せません" in page(response)
    response = client.post(
        reverse("council:case_move", args=[case.pk, "start_support"]), follow=True
    )
    assert "いまの状態からは、その操作はできません" in page(response)


def test_it_answers_404_to_an_unknown_move(case: Case, alice: Any) -> None:
    client = council_signed_in(Client(), alice)
    assert client.post(reverse("council:case_move", args=[case.pk, "delete"])).status_code == 404


def test_it_prints_the_minutes_watermarked_with_the_reader_and_the_time(
    case: Case, bob: Any, m_alice: Any, m_bob: Any, today: datetime.date
) -> None:
    from tsunagari.council.services import conference_record

    conference = conference_record(
        case=case,
        by=m_alice,
        held_on=today,
        attendees=[m_alice, m_bob],
        agenda="（テスト）今後の見守り",
        minutes="（テスト）週1回の訪問を続ける",
        decisions="（テスト）食堂に誘う",
    )
    response = council_signed_in(Client(), bob).get(
        reverse("council:conference_print", args=[case.pk, conference.pk])
    )
    text = page(response)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    assert "食堂 ぼぶ が " + stamp in text
    assert text.count("食堂 ぼぶ が") >= 3  # the watermark, the header and the footer
    assert "週1回の訪問を続ける" in text and "食堂に誘う" in text
    assert "council/print.css" in text and "no-store" in response["Cache-Control"]
    assert "<form" not in text
