"""URL × role: who gets what at every council address.

Only members listed on a case, in term and pledged, with a second factor, see it;
everyone else gets 404 (or the sign-in steps), and nothing changes."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tsunagari.council.models import Case, CaseMember, Task
from tsunagari.council.services import conference_record, task_assign
from tsunagari.council.tests.conftest import council_signed_in
from tsunagari.sensitive.models import AccessRecord


@pytest.fixture
def world(case: Case, m_alice: Any, m_bob: Any, m_charlie: Any, m_fumi: Any, today: Any) -> Any:
    conference = conference_record(
        case=case,
        by=m_alice,
        held_on=today,
        attendees=[m_alice, m_bob],
        agenda="（テスト）議題",
        minutes="（テスト）議事",
        decisions="（テスト）決定",
    )
    task = task_assign(
        conference=conference,
        by=m_alice,
        owner=m_bob,
        due_on=today + datetime.timedelta(days=7),
        description="（テスト）訪問する",
    )
    return case, conference, task


def case_urls(case: Case, conference: Any, task: Task) -> list[tuple[str, str]]:
    """(method, url) for every address inside a case."""
    pk = case.pk
    return [
        ("get", reverse("council:case", args=[pk])),
        ("post", reverse("council:case_add_member", args=[pk])),
        ("get", reverse("council:note_new", args=[pk])),
        ("post", reverse("council:case_move", args=[pk, "start_support"])),
        ("get", reverse("council:case_close", args=[pk])),
        ("get", reverse("council:conference_new", args=[pk])),
        ("get", reverse("council:conference", args=[pk, conference.pk])),
        ("get", reverse("council:conference_print", args=[pk, conference.pk])),
        ("post", reverse("council:task_new", args=[pk, conference.pk])),
        ("post", reverse("council:task_done", args=[pk, task.pk])),
    ]


OUTSIDERS = ["charlie", "eiko", "fumi", "sara", "root"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", OUTSIDERS)
def test_it_answers_404_at_every_case_url_to_anyone_not_listed_and_current(
    request: Any, world: Any, who: str, sara: Any, root: Any
) -> None:
    case, conference, task = world
    user = request.getfixturevalue(who)
    client = council_signed_in(Client(), user)
    status_before = case.status
    reads_before = AccessRecord.objects.count()
    for method, url in case_urls(case, conference, task):
        data = (
            {"member": str(user.council_memberships.first().pk)}
            if method == "post" and user.council_memberships.exists()
            else {}
        )
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (who, method, url, response.status_code)
    case.refresh_from_db()
    task.refresh_from_db()
    assert case.status == status_before
    assert task.status == "open"
    assert CaseMember.objects.filter(case=case, member__user=user).count() == (
        1 if who == "eiko" else 0
    )
    assert AccessRecord.objects.count() == reads_before  # they read nothing


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "bob"])
def test_it_opens_every_case_url_to_a_listed_member(request: Any, world: Any, who: str) -> None:
    case, conference, task = world
    client = council_signed_in(Client(), request.getfixturevalue(who))
    for method, url in case_urls(case, conference, task):
        response = getattr(client, method)(url)
        assert response.status_code == (200 if method == "get" else 302), (who, method, url)


@pytest.mark.django_db
def test_it_sends_a_listed_member_without_the_second_factor_to_it(world: Any, bob: Any) -> None:
    case, conference, task = world
    client = Client()
    client.force_login(bob)  # password only
    for method, url in case_urls(case, conference, task):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("accounts:otp_verify") in response["Location"]


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_sign_in_at_every_case_url(world: Any) -> None:
    case, conference, task = world
    for method, url in case_urls(case, conference, task):
        response = getattr(Client(), method)(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,status",
    [("alice", 200), ("charlie", 200), ("eiko", 404), ("fumi", 404), ("sara", 404), ("root", 404)],
)
def test_it_shows_the_case_list_and_the_open_form_only_to_current_pledged_members(
    request: Any, world: Any, who: str, status: int, sara: Any, root: Any
) -> None:
    client = council_signed_in(Client(), request.getfixturevalue(who))
    for name in ("council:cases", "council:case_new"):
        assert client.get(reverse(name)).status_code == status, (who, name)


@pytest.mark.django_db
def test_it_keeps_cases_off_the_list_of_a_member_not_listed(world: Any, charlie: Any) -> None:
    case, _conference, _task = world
    response = council_signed_in(Client(), charlie).get(reverse("council:cases"))
    assert case.number not in response.content.decode()
    assert "担当しているケースはありません" in response.content.decode()


@pytest.mark.django_db
def test_it_lets_a_member_in_term_sign_the_pledge_and_then_see_the_cases(
    fumi: Any, m_fumi: Any, pledge_text: Any, today: Any
) -> None:
    client = council_signed_in(Client(), fumi)
    assert client.get(reverse("council:cases")).status_code == 404
    page = client.get(reverse("council:pledge"))
    assert "知り得た秘密を漏らしません" in page.content.decode()
    refused = client.post(reverse("council:pledge"), {})
    assert "誓約するにはチェックを入れてください" in refused.content.decode()
    client.post(reverse("council:pledge"), {"agree": "on"})
    m_fumi.refresh_from_db()
    assert (m_fumi.pledge_signed_on, m_fumi.pledge_version) == (today, "テスト1")
    assert client.get(reverse("council:cases")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["eiko", "sara"])
def test_it_has_no_pledge_page_for_former_members_or_staff(
    request: Any, who: str, m_eiko: Any, pledge_text: Any, sara: Any
) -> None:
    client = council_signed_in(Client(), request.getfixturevalue(who))
    assert client.get(reverse("council:pledge")).status_code == 404


@pytest.mark.django_db
def test_it_sends_case_pages_with_no_store(world: Any, alice: Any) -> None:
    case, _conference, _task = world
    response = council_signed_in(Client(), alice).get(reverse("council:case", args=[case.pk]))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_names_the_member_and_their_body_in_the_readers_language(
    world: Any, charlie: Any, m_charlie: Any
) -> None:
    from django.conf import settings

    client = council_signed_in(Client(), charlie)
    name = f"{m_charlie.user}（{m_charlie.body}）"
    assert f"{name}として表示しています。" in client.get(reverse("council:cases")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("council:cases")).content.decode()
    assert f"{m_charlie.user} ({m_charlie.body})" in html
