"""Every URL of partners/ and accounts/ × every role, with the exact outcome.

Roles: anonymous, plain_user (signed in, no organisation), bob (member of org A),
alice (admin of org A), charlie (admin of org B, another sector), sara (staff),
root (system admin). Everyone who needs two-factor is OTP-verified here; the
unverified case is walked separately below. POSTs with tampered fields are in
test_post_roles.py.

A new URL in either namespace fails `test_it_covers_every_url_pattern` until a row
is added here.
"""

from typing import Any

import pytest
from django.urls import get_resolver, reverse

from tsunagari.partners.services import answer_token
from tsunagari.partners.tests.conftest import signed_in
from tsunagari.partners.tests.world import (
    LOGIN,
    ROLES,
    SETUP,
    VERIFY,
    assert_outcome,
    client_for,
)


def _all(code: Any) -> dict[str, Any]:
    return {role: code for role in ROLES}


def _signed(anonymous: Any, others: Any) -> dict[str, Any]:
    return {"anonymous": anonymous, **{role: others for role in ROLES[1:]}}


MEMBERS_ONLY = {
    "anonymous": LOGIN,
    "plain_user": 403,
    "bob": 200,
    "alice": 200,
    "charlie": 200,
    "sara": 200,
    "root": 200,
}
STAFF_ONLY = {
    "anonymous": LOGIN,
    "plain_user": 403,
    "bob": 403,
    "alice": 403,
    "charlie": 403,
    "sara": 200,
    "root": 200,
}
ORG_A_ADMIN = {
    "anonymous": LOGIN,
    "plain_user": 404,
    "bob": 404,
    "alice": 200,
    "charlie": 404,
    "sara": 404,
    "root": 404,
}
ORG_A_PEOPLE = {
    "anonymous": LOGIN,
    "plain_user": 404,
    "bob": 200,
    "alice": 200,
    "charlie": 404,
    "sara": 404,
    "root": 404,
}

# (url name, how to build the path from the world, method, expected outcome per role)
CASES: list[tuple[str, Any, str, dict[str, Any]]] = [
    ("partners:members", lambda w: reverse("partners:members"), "get", _all(200)),
    (
        "partners:member_detail",
        lambda w: reverse("partners:member_detail", args=[w.org_a.pk]),
        "get",
        _all(200),
    ),
    (
        "partners:member_detail",
        lambda w: reverse("partners:member_detail", args=[w.applied.organization.pk]),
        "get",
        _all(404),
    ),
    (
        "partners:logo",
        lambda w: reverse("partners:logo", args=[w.org_a.pk]),
        "get",
        _all(404),
    ),  # none uploaded
    ("partners:join", lambda w: reverse("partners:join"), "get", _all(200)),
    ("partners:join_thanks", lambda w: reverse("partners:join_thanks"), "get", _all(200)),
    (
        "partners:application_answer",
        lambda w: reverse("partners:application_answer", args=[answer_token(w.applied)]),
        "get",
        _all(200),
    ),
    (
        "partners:application_answer",
        lambda w: reverse("partners:application_answer", args=["forged"]),
        "get",
        _all(404),
    ),
    ("partners:news", lambda w: reverse("partners:news"), "get", _all(200)),
    ("partners:news_feed", lambda w: reverse("partners:news_feed"), "get", _all(200)),
    (
        "partners:news_detail",
        lambda w: reverse("partners:news_detail", args=[w.news.pk]),
        "get",
        _all(200),
    ),
    (
        "partners:news_detail",
        lambda w: reverse("partners:news_detail", args=[w.private_news.pk]),
        "get",
        _all(404),
    ),
    ("partners:dashboard", lambda w: reverse("partners:dashboard"), "get", _signed(LOGIN, 200)),
    (
        "partners:org_edit",
        lambda w: reverse("partners:org_edit", args=[w.org_a.pk]),
        "get",
        ORG_A_ADMIN,
    ),
    (
        "partners:org_people",
        lambda w: reverse("partners:org_people", args=[w.org_a.pk]),
        "get",
        ORG_A_ADMIN,
    ),
    (
        "partners:posting_new",
        lambda w: reverse("partners:posting_new", args=[w.org_a.pk, "offer"]),
        "get",
        ORG_A_PEOPLE,
    ),
    (
        "partners:posting_new",
        lambda w: reverse("partners:posting_new", args=[w.org_a.pk, "request"]),
        "get",
        ORG_A_PEOPLE,
    ),
    (
        "partners:posting_new",
        lambda w: reverse("partners:posting_new", args=[w.org_a.pk, "nonsense"]),
        "get",
        {**ORG_A_PEOPLE, "bob": 404, "alice": 404},
    ),
    ("partners:board", lambda w: reverse("partners:board"), "get", MEMBERS_ONLY),
    (
        "partners:posting_detail",
        lambda w: reverse("partners:posting_detail", args=["offer", w.offer_a.pk]),
        "get",
        MEMBERS_ONLY,
    ),
    (
        "partners:posting_detail",
        lambda w: reverse("partners:posting_detail", args=["request", w.request_b.pk]),
        "get",
        MEMBERS_ONLY,
    ),
    (
        "partners:posting_edit",
        lambda w: reverse("partners:posting_edit", args=["offer", w.offer_a.pk]),
        "get",
        ORG_A_PEOPLE,
    ),
    (
        "partners:posting_close",
        lambda w: reverse("partners:posting_close", args=["offer", w.offer_a.pk]),
        "get",
        _signed(LOGIN, 405),
    ),
    (
        "partners:posting_close",
        lambda w: reverse("partners:posting_close", args=["offer", w.offer_a.pk]),
        "post",
        {**ORG_A_PEOPLE, "bob": 302, "alice": 302},
    ),
    (
        "partners:contact_new",
        lambda w: reverse("partners:contact_new", args=[w.org_b.pk]),
        "get",
        {
            "anonymous": LOGIN,
            "plain_user": 403,
            "bob": 200,
            "alice": 200,
            "charlie": 404,
            "sara": 403,
            "root": 403,
        },
    ),
    ("partners:contacts", lambda w: reverse("partners:contacts"), "get", MEMBERS_ONLY),
    (
        "partners:contact_decide",
        lambda w: reverse("partners:contact_decide", args=[w.contact_ab.pk, "accept"]),
        "get",
        _signed(LOGIN, 405),
    ),
    (
        "partners:contact_decide",
        lambda w: reverse("partners:contact_decide", args=[w.contact_ab.pk, "accept"]),
        "post",
        {
            "anonymous": LOGIN,
            "plain_user": 404,
            "bob": 404,
            "alice": 404,
            "charlie": 302,
            "sara": 404,
            "root": 404,
        },
    ),
    ("partners:notices", lambda w: reverse("partners:notices"), "get", MEMBERS_ONLY),
    (
        "partners:notice_detail",
        lambda w: reverse("partners:notice_detail", args=[w.commerce_meeting.pk]),
        "get",
        {
            "anonymous": LOGIN,
            "plain_user": 403,
            "bob": 404,
            "alice": 404,
            "charlie": 200,
            "sara": 200,
            "root": 200,
        },
    ),
    (
        "partners:notice_detail",
        lambda w: reverse("partners:notice_detail", args=[w.private_news.pk]),
        "get",
        MEMBERS_ONLY,
    ),
    ("partners:staff_home", lambda w: reverse("partners:staff_home"), "get", STAFF_ONLY),
    (
        "partners:staff_application",
        lambda w: reverse("partners:staff_application", args=[w.applied.pk]),
        "get",
        STAFF_ONLY,
    ),
    ("partners:network", lambda w: reverse("partners:network"), "get", STAFF_ONLY),
    ("partners:notice_new", lambda w: reverse("partners:notice_new"), "get", STAFF_ONLY),
    (
        "partners:notice_attendance",
        lambda w: reverse("partners:notice_attendance", args=[w.commerce_meeting.pk]),
        "get",
        STAFF_ONLY,
    ),
    ("partners:outbox", lambda w: reverse("partners:outbox"), "get", STAFF_ONLY),
    ("accounts:login", lambda w: reverse("accounts:login"), "get", _all(200)),
    ("accounts:logout", lambda w: reverse("accounts:logout"), "get", _all(405)),
    ("accounts:logout", lambda w: reverse("accounts:logout"), "post", _all(302)),
    ("accounts:otp_setup", lambda w: reverse("accounts:otp_setup"), "get", _signed(LOGIN, 200)),
    (
        "accounts:otp_verify",
        lambda w: reverse("accounts:otp_verify"),
        "get",
        {
            "anonymous": LOGIN,
            "plain_user": SETUP,
            "bob": 200,  # members sign in with two factors too (decision 0024)
            "alice": 200,
            "charlie": 200,
            "sara": 200,
            "root": 200,
        },
    ),
    (
        "accounts:invitation",
        lambda w: reverse("accounts:invitation", args=[w.invitation_token]),
        "get",
        _all(200),
    ),
    (
        "accounts:invitation",
        lambda w: reverse("accounts:invitation", args=["not-a-token"]),
        "get",
        _all(404),
    ),
    ("accounts:password_reset", lambda w: reverse("accounts:password_reset"), "get", _all(200)),
    (
        "accounts:password_reset_done",
        lambda w: reverse("accounts:password_reset_done"),
        "get",
        _all(200),
    ),
    (
        "accounts:password_reset_confirm",
        lambda w: reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]),
        "get",
        _all(200),
    ),
    (
        "accounts:password_reset_complete",
        lambda w: reverse("accounts:password_reset_complete"),
        "get",
        _all(200),
    ),
]

PARAMS = [
    pytest.param(name, build, method, role, expected[role], id=f"{name}-{i}-{method}-{role}")
    for i, (name, build, method, expected) in enumerate(CASES)
    for role in ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,build,method,role,expected", PARAMS)
def test_it_gives_each_role_the_exact_outcome(
    client, request, world, name, build, method, role, expected
):
    path = build(world)
    client_for(role, client, request)
    response = getattr(client, method)(path)
    assert_outcome(response, expected, path)


def test_it_covers_every_url_pattern():
    covered = {name for name, *_rest in CASES}
    resolver = get_resolver()
    names = set()
    for namespace in ("partners", "accounts"):
        _prefix, sub = resolver.namespace_dict[namespace]
        names |= {f"{namespace}:{key}" for key in sub.reverse_dict if isinstance(key, str)}
    assert names - covered == set()


# Someone who must use two-factor but has not passed the second step yet.
NON_PUBLIC_GETS = [
    (name, build)
    for name, build, method, expected in CASES
    if method == "get"
    and expected.get("anonymous") == LOGIN
    and not name.startswith("accounts:otp")
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["alice", "charlie", "sara", "root"])
@pytest.mark.parametrize(
    "name,build", NON_PUBLIC_GETS, ids=[f"{n}-{i}" for i, (n, _b) in enumerate(NON_PUBLIC_GETS)]
)
def test_it_sends_unverified_admins_and_staff_to_the_second_step(
    client, request, world, name, build, role
):
    signed_in(client, request.getfixturevalue(role), verified=False)
    path = build(world)
    response = client.get(path)
    if (
        response.status_code == 405
    ):  # POST-only views answer the method first… never: login comes first
        pytest.fail(path)
    assert_outcome(response, VERIFY, path)


@pytest.mark.django_db
def test_it_keeps_the_admin_site_behind_the_second_step(client, world, root):
    signed_in(client, root, verified=False)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    signed_in(client, root)
    assert client.get("/admin/").status_code == 200


def count_cases() -> int:
    return len(PARAMS) + len(NON_PUBLIC_GETS) * 4 + 1
