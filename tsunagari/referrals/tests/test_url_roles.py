"""Every URL of referrals/ × every role, with the exact outcome.

Roles: anonymous, plain_user (signed in, no organisation), bob (member of org A, the
sender), alice (admin of org A, the sender), charlie (admin of org B, the receiver),
sara (platform staff), root (system admin). Everyone is signed in with the second
step done (personal details need it for every role); the half-signed-in cases are
walked below. A new URL fails `test_it_covers_every_url_pattern` until it has a row.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import get_resolver, reverse

from tsunagari.directory.models import Service
from tsunagari.directory.models.service import ReviewStatus, ServiceKind
from tsunagari.partners.tests.conftest import signed_in
from tsunagari.partners.tests.world import LOGIN, ROLES, VERIFY, assert_outcome
from tsunagari.referrals import services
from tsunagari.referrals.models import Referral, ReferralStatus
from tsunagari.referrals.tests.conftest import refer, verified


@dataclass
class World:
    referral: Referral  # org A → org B's desk
    relayed: Referral  # org A → a desk outside the platform (staff relay it)
    asked: Referral  # a person asked org B's desk from the navigator
    token: str
    desk_b: Service
    scheme: Service
    acknowledged: Referral  # org A → org B, acknowledged by charlie


@pytest.fixture
def world(
    alice: Any,
    bob: Any,
    charlie: Any,
    sara: Any,
    root: Any,
    plain_user: Any,
    org_a: Any,
    desk_b: Service,
    city_desk: Service,
) -> World:
    referral = refer(alice, org_a, desk_b)
    relayed = refer(alice, org_a, city_desk, name="佐藤 一郎")
    made = services.referral_self_send(
        service=desk_b,
        person_name="たろう",
        contact_how="taro@example.org",
        contact_when="",
        language="ja",
        navigator_text="",
        submission_key="k" * 24,
    )
    scheme = Service.objects.create(
        organization=desk_b.organization,
        name="読む制度",
        kind=ServiceKind.SCHEME,
        review_status=ReviewStatus.PUBLISHED,
    )
    acknowledged = refer(bob, org_a, desk_b, name="鈴木 次郎")
    acknowledged.acknowledge(by=charlie)
    return World(referral, relayed, made.referral, made.token, desk_b, scheme, acknowledged)


def _all(code: Any) -> dict[str, Any]:
    return {role: code for role in ROLES}


def _only(allowed: set[str], code: Any, *, others: Any = 404) -> dict[str, Any]:
    return {"anonymous": LOGIN, **{r: code if r in allowed else others for r in ROLES[1:]}}


SENDERS = {"bob", "alice"}
RECEIVER = {"charlie"}
BOTH = SENDERS | RECEIVER
STAFF = {"sara", "root"}
MEMBERS = {
    "anonymous": LOGIN,
    "plain_user": 403,
    "bob": 200,
    "alice": 200,
    "charlie": 200,
    "sara": 200,
    "root": 200,
}
ACK = {"to": str(ReferralStatus.ACKNOWLEDGED)}
WITHDRAW = {"reason": "別の窓口にしました"}
CONSENT = {"confirm": "on", "reason": "電話で"}

# (url name, path, method, data, expected outcome per role)
CASES: list[tuple[str, Any, str, dict[str, str], dict[str, Any]]] = [
    ("referrals:list", lambda w: reverse("referrals:list"), "get", {}, MEMBERS),
    (
        "referrals:new",
        lambda w: reverse("referrals:new", args=[w.desk_b.pk]),
        "get",
        {},
        {**_only(BOTH, 200, others=403)},
    ),
    (
        "referrals:new",
        lambda w: reverse("referrals:new", args=[w.desk_b.pk]) + f"?previous={w.referral.pk}",
        "get",
        {},
        {**_only(set(), 200), "plain_user": 403, "sara": 403, "root": 403},
    ),
    (
        "referrals:detail",
        lambda w: reverse("referrals:detail", args=[w.referral.pk]),
        "get",
        {},
        _only(BOTH, 200),
    ),
    (
        "referrals:detail",
        lambda w: reverse("referrals:detail", args=[w.relayed.pk]),
        "get",
        {},
        _only(SENDERS | STAFF, 200),
    ),
    (
        "referrals:detail",
        lambda w: reverse("referrals:detail", args=[w.asked.pk]),
        "get",
        {},
        _only(RECEIVER, 200),
    ),
    (
        "referrals:details",
        lambda w: reverse("referrals:details", args=[w.referral.pk]),
        "get",
        {},
        _only(BOTH, 200),
    ),
    (
        "referrals:details",
        lambda w: reverse("referrals:details", args=[w.relayed.pk]),
        "get",
        {},
        _only(SENDERS | STAFF, 200),
    ),
    (
        "referrals:onward",
        lambda w: reverse("referrals:onward", args=[w.acknowledged.pk]),
        "get",
        {},
        _only(RECEIVER, 200),
    ),
    (
        "referrals:onward",
        lambda w: reverse("referrals:onward", args=[w.referral.pk]),
        "get",
        {},
        _only(set(), 200),  # not acknowledged yet: nothing to pass on
    ),
    (
        "referrals:move",
        lambda w: reverse("referrals:move", args=[w.referral.pk]),
        "get",
        {},
        _only(set(ROLES), 405),
    ),
    (
        "referrals:move",
        lambda w: reverse("referrals:move", args=[w.referral.pk]),
        "post",
        ACK,
        _only(RECEIVER, 302),
    ),
    (
        "referrals:move",
        lambda w: reverse("referrals:move", args=[w.relayed.pk]),
        "post",
        ACK,
        _only(STAFF, 302),
    ),
    (
        "referrals:council",
        lambda w: reverse("referrals:council", args=[w.acknowledged.pk]),
        "get",
        {},
        _only(set(ROLES), 405),
    ),
    (
        "referrals:council",  # nobody here sits on the council: the receiver too gets 404
        lambda w: reverse("referrals:council", args=[w.acknowledged.pk]),
        "post",
        {},
        _only(set(), 302),
    ),
    (
        "referrals:withdraw",
        lambda w: reverse("referrals:withdraw", args=[w.referral.pk]),
        "post",
        WITHDRAW,
        _only(SENDERS, 302),
    ),
    (
        "referrals:withdraw",
        lambda w: reverse("referrals:withdraw", args=[w.asked.pk]),
        "post",
        WITHDRAW,
        _only(set(), 302),
    ),
    (
        "referrals:consent_withdraw",
        lambda w: reverse("referrals:consent_withdraw", args=[w.referral.pk]),
        "post",
        CONSENT,
        _only(BOTH, 302),
    ),
    (
        "referrals:consent_withdraw",
        lambda w: reverse("referrals:consent_withdraw", args=[w.relayed.pk]),
        "post",
        CONSENT,
        _only(SENDERS | STAFF, 302),
    ),
    (
        "referrals:self_new",
        lambda w: reverse("referrals:self_new", args=[w.desk_b.pk]),
        "get",
        {},
        _all(200),
    ),
    (
        "referrals:self_new",
        lambda w: reverse("referrals:self_new", args=[w.scheme.pk]),
        "get",
        {},
        _all(404),
    ),
    (
        "referrals:self_done",
        lambda w: reverse("referrals:self_done", args=[w.asked.reference]),
        "get",
        {},
        _all(404),  # only the browser that sent it sees the link
    ),
    (
        "referrals:status",
        lambda w: reverse("referrals:status", args=[w.asked.reference, w.token]),
        "get",
        {},
        _all(200),
    ),
    (
        "referrals:status",
        lambda w: reverse("referrals:status", args=[w.asked.reference, "x" * 32]),
        "get",
        {},
        _all(404),
    ),
    ("referrals:figures", lambda w: reverse("referrals:figures"), "get", {}, _all(200)),
]

PARAMS = [
    pytest.param(name, build, method, data, role, expected[role], id=f"{name}-{i}-{method}-{role}")
    for i, (name, build, method, data, expected) in enumerate(CASES)
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,build,method,data,role,expected", PARAMS)
def test_it_gives_each_role_the_exact_outcome(
    client, request, world, name, build, method, data, role, expected
):
    path = build(world)
    if role != "anonymous":
        verified(client, request.getfixturevalue(role))
    response = getattr(client, method)(path, data)
    assert_outcome(response, expected, path)
    if expected == 404:
        assert "山田" not in response.content.decode()


def test_it_covers_every_url_pattern():
    covered = {name for name, *_rest in CASES}
    _prefix, sub = get_resolver().namespace_dict["referrals"]
    names = {f"referrals:{key}" for key in sub.reverse_dict if isinstance(key, str)}
    assert names - covered == set()


# Views that show or change the person's details need the second step for every role;
# the facts pages need it only of those the sign-in middleware asks (admins, staff).
TWO_FACTOR_VIEWS = {"referrals:new", "referrals:details", "referrals:move", "referrals:onward"}
SIGNED_IN_GETS = [
    pytest.param(name, build, expected, id=f"{name}-{i}")
    for i, (name, build, method, _data, expected) in enumerate(CASES)
    if method == "get" and expected["anonymous"] == LOGIN
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["bob", "alice", "charlie", "sara", "root"])
@pytest.mark.parametrize("name,build,expected", SIGNED_IN_GETS)
def test_it_sends_a_password_only_session_to_the_second_step(
    client, request, world, name, build, expected, role
):
    signed_in(client, request.getfixturevalue(role), verified=False)
    path = build(world)
    response = client.get(path)
    # Since the security merge the sign-in middleware asks members for the second step too;
    # the referral views would ask anyway (TWO_FACTOR_VIEWS carry two_factor_required).
    assert_outcome(response, VERIFY, path)


@pytest.mark.django_db
def test_a_password_only_member_cannot_change_a_referral(client, world, bob, alice):
    signed_in(client, bob, verified=False)
    for path, data in [
        (reverse("referrals:withdraw", args=[world.referral.pk]), WITHDRAW),
        (reverse("referrals:consent_withdraw", args=[world.referral.pk]), CONSENT),
    ]:
        assert_outcome(client.post(path, data), VERIFY, path)
    world.referral.refresh_from_db()
    assert world.referral.status == ReferralStatus.SENT and not world.referral.is_erased


def count_cases() -> int:
    return len(PARAMS) + len(SIGNED_IN_GETS) * 5 + 1
