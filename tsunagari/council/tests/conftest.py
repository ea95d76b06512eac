"""Named people of the council, for its tests.

Members of the (fictional, test-only) council 「テスト地域協議会」:
alice   — member for 「つながりテスト食堂」 (org_a's admin), term running, pledge signed
bob     — member for 「テスト福祉課」, term running, pledge signed
charlie — member for 「テスト商店会」, term running, signed, but listed on no case
eiko    — former member: her term ended yesterday
fumi    — member whose term runs but who has not signed the pledge
Not members: sara (platform staff), root (system administrator).

``council_signed_in`` gives any of them a session that passed the second sign-in
step: every council page asks for it, whatever the person's other roles.
"""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tsunagari.council.models import Council, CouncilMember, MemberBody, PledgeText
from tsunagari.partners.tests.conftest import *  # noqa: F403 — alice, bob, charlie, org_a, org_b
from tsunagari.partners.tests.conftest import signed_in


def council_signed_in(client: Client, user: Any) -> Client:
    return signed_in(client, user, otp=True)


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def pledge_text(db: None, today: datetime.date) -> PledgeText:
    return PledgeText.objects.create(
        version="テスト1", text="（テスト用の誓約文）知り得た秘密を漏らしません。", adopted_on=today
    )


@pytest.fixture
def council(db: None) -> Council:
    council = Council.objects.create(name="テスト地域協議会", coordinating_body="テスト市 福祉局")
    for name in ("つながりテスト食堂", "テスト福祉課", "テスト商店会"):
        MemberBody.objects.create(council=council, name=name)
    return council


def _membership(
    user: Any,
    council: Council,
    body: str,
    today: datetime.date,
    *,
    ends_on: datetime.date | None = None,
    signed: bool = True,
) -> CouncilMember:
    return CouncilMember.objects.create(
        user=user,
        body=council.bodies.get(name=body),
        starts_on=today - datetime.timedelta(days=100),
        ends_on=ends_on,
        pledge_signed_on=today - datetime.timedelta(days=100) if signed else None,
        pledge_version="テスト1" if signed else "",
    )


def _user(username: str, display_name: str, password: str) -> Any:
    from tsunagari.accounts.models import User

    return User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=password,
        display_name=display_name,
    )


@pytest.fixture
def m_alice(alice: Any, council: Council, today: datetime.date) -> CouncilMember:
    return _membership(alice, council, "つながりテスト食堂", today)


@pytest.fixture
def m_bob(bob: Any, council: Council, today: datetime.date) -> CouncilMember:
    return _membership(bob, council, "テスト福祉課", today)


@pytest.fixture
def m_charlie(charlie: Any, council: Council, today: datetime.date) -> CouncilMember:
    return _membership(charlie, council, "テスト商店会", today)


@pytest.fixture
def eiko(db: None, password: str) -> Any:
    return _user("eiko", "元構成員 えいこ", password)


@pytest.fixture
def m_eiko(eiko: Any, council: Council, today: datetime.date) -> CouncilMember:
    return _membership(
        eiko, council, "テスト福祉課", today, ends_on=today - datetime.timedelta(days=1)
    )


@pytest.fixture
def fumi(db: None, password: str) -> Any:
    return _user("fumi", "未誓約 ふみ", password)


@pytest.fixture
def m_fumi(
    fumi: Any, council: Council, today: datetime.date, pledge_text: PledgeText
) -> CouncilMember:
    return _membership(fumi, council, "テスト商店会", today, signed=False)


@pytest.fixture
def case(m_alice: CouncilMember, m_bob: CouncilMember, m_eiko: CouncilMember) -> Any:
    """A case alice opened and listed bob on; eiko was listed while her term ran."""
    from tsunagari.council.models import CaseMember
    from tsunagari.council.services import case_open

    opened = case_open(
        by=m_alice, person_name="テスト 花子", situation="（テスト）ひとり暮らしで外出が減った。"
    )
    opened.add_member(m_bob, by=m_alice)
    CaseMember.objects.create(case=opened, member=m_eiko, added_by=m_alice)
    return opened
