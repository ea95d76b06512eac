"""/sensitive/access/ and the council's records (docs/decisions/0041): the rows of council
cases are shown only to a current member for the coordinating body (all cases) and to the
members listed on a case (that case); every other staff member sees none of them."""

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tsunagari.council.models import CouncilMember, MemberBody
from tsunagari.council.services import case_open, conference_record, task_assign
from tsunagari.council.tests.conftest import council_signed_in
from tsunagari.sensitive.models import AccessRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(case: Any, m_alice: Any, m_bob: Any, m_charlie: Any, today: datetime.date) -> Any:
    """``case`` lists alice and bob and has a conference and a task; ``other`` lists charlie."""
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
    case.reveal("person_name", reader=m_bob.user, purpose="（テスト）読む")
    other = case_open(by=m_charlie, person_name="テスト 次郎", situation="（テスト）")
    return case, conference, task, other


def membership(user: Any, council: Any, *, coordinates: bool, ended: bool = False) -> Any:
    today = timezone.localdate()
    body = MemberBody.objects.create(
        council=council,
        name="テスト市 福祉局" if coordinates else "テスト区役所",
        coordinates=coordinates,
    )
    return CouncilMember.objects.create(
        user=user,
        body=body,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today - datetime.timedelta(days=1) if ended else None,
        pledge_signed_on=today - datetime.timedelta(days=60),
        pledge_version="テスト1",
    )


def shown_ids(user: Any, **query: str) -> set[str]:
    """The record ids the access page shows this user for today."""
    today = timezone.localdate().isoformat()
    client = council_signed_in(Client(), user)
    response = client.get("/sensitive/access/", {"start": today, "end": today, **query})
    assert response.status_code == 200
    return set(
        re.findall(
            r"<td>([^<]+)</td><td>[^<]*</td><td>[^<]*</td>\s*</tr>", response.content.decode()
        )
    )


def ids(*objects: Any) -> set[str]:
    return {str(o.pk) for o in objects}


def test_staff_who_are_not_on_the_council_see_no_council_record(
    world: Any, sara: Any, root: Any, bob: Any
) -> None:
    case, conference, task, other = world
    for who in (sara, root):
        assert shown_ids(who) == set(), who
        assert shown_ids(who, object_id=str(case.pk)) == set()  # asking by id does not help
    # The rows exist: the city's other access records are still listed for staff.
    assert AccessRecord.objects.filter(table="council_case", object_id=str(case.pk)).exists()


def test_other_records_are_still_shown_to_staff(world: Any, sara: Any, bob: Any) -> None:
    AccessRecord.log_change(actor=bob, obj=sara, action="（テスト）", detail="")
    assert shown_ids(sara) == {str(sara.pk)}


def test_a_staff_member_listed_on_a_case_sees_that_case_only(
    world: Any, sara: Any, council: Any
) -> None:
    case, conference, task, other = world
    m_sara = membership(sara, council, coordinates=False)
    case.add_member(m_sara, by=case.opened_by)
    assert shown_ids(sara) == ids(case, conference, task)


def test_a_member_for_the_coordinating_body_sees_every_case(
    world: Any, sara: Any, council: Any
) -> None:
    case, conference, task, other = world
    membership(sara, council, coordinates=True)
    assert shown_ids(sara) == ids(case, conference, task, other)


def test_a_former_member_for_the_coordinating_body_sees_none(
    world: Any, sara: Any, council: Any
) -> None:
    membership(sara, council, coordinates=True, ended=True)
    assert shown_ids(sara) == set()


def test_members_who_are_not_staff_do_not_have_the_page(world: Any, alice: Any) -> None:
    client = council_signed_in(Client(), alice)
    assert client.get("/sensitive/access/").status_code == 403
