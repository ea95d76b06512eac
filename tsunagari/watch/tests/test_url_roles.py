"""Every URL of watch/ × every role, with the exact outcome.

Roles: anonymous; business — the shop's own links (its QR form, its card page, its report's
status), held without an account, so it is an anonymous client that knows them; plain_user
(signed in, no organisation); bob (member of a non-centre organisation); kimura (the centre a
report is routed to); hayashi (another centre); kato (the ward's 基幹型 centre, which sees a
report only once it has escalated); sara (staff); root (system admin). Signed-in people have a
verified second factor here (the report pages require it of every role); the unverified case
is walked separately. A new watch URL fails `test_it_covers_every_url_pattern` until added.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from tsunagari.partners.tests.conftest import signed_in
from tsunagari.partners.tests.world import LOGIN, VERIFY, assert_outcome
from tsunagari.watch.models import Report, WatchBusiness
from tsunagari.watch.services import status_token, watch_escalate_overdue
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import WEDNESDAY_10, make_business, report

ROLES = ["anonymous", "business", "plain_user", "bob", "kimura", "hayashi", "kato", "sara", "root"]
SIGNED = ROLES[2:]


@dataclass
class World:
    shop: WatchBusiness
    suspended: WatchBusiness
    applied: WatchBusiness
    card_token: str
    report: Report  # routed to kimura's centre, not escalated
    escalated: Report  # routed to kimura's centre, escalated to kato's 基幹型 centre


@pytest.fixture
def world(
    shop,
    tsunagari_centre,
    hidamari_centre,
    sakai_kikan,
    kimura,
    hayashi,
    kato,
    bob,
    sara,
    root,
    plain_user,
) -> World:
    suspended = make_business("（テスト）休止中の店", kind="shop", status="suspended")
    applied = make_business("（テスト）申し込み中の店", kind="post", status="applied")
    card_token = shop.issue_card_token()
    first = report(shop, now=WEDNESDAY_10 + timedelta(days=30))
    late = report(shop, place="つながり町8丁目", now=WEDNESDAY_10)
    watch_escalate_overdue(now=WEDNESDAY_10 + timedelta(days=1))
    return World(shop, suspended, applied, card_token, first, late)


def _all(code: Any) -> dict[str, Any]:
    return {role: code for role in ROLES}


def _signed(anonymous: Any, **signed: Any) -> dict[str, Any]:
    outcome = {"anonymous": anonymous, "business": anonymous}
    default = signed.pop("others", 404)
    outcome.update({role: signed.get(role, default) for role in SIGNED})
    return outcome


STAFF_ONLY = _signed(LOGIN, others=403, sara=200, root=200)
CENTRE_PEOPLE = _signed(LOGIN, others=403, kimura=200, hayashi=200, kato=200, sara=200, root=200)
ROUTED_CENTRE = _signed(LOGIN, kimura=200, sara=200, root=200)
ROUTED_CENTRE_POST = _signed(LOGIN, kimura=302, sara=302, root=302)
AFTER_ESCALATION = _signed(LOGIN, kimura=200, kato=200, sara=200, root=200)


def _token_only(role_with_link: Any, others: Any) -> dict[str, Any]:
    """Links are bearer secrets: whoever holds the right one gets in, nobody else."""
    return {role: (role_with_link if role == "business" else others) for role in ROLES}


# (url name, path from the world and the role, method, data, outcome per role)
CASES: list[tuple[str, Any, str, dict[str, Any], dict[str, Any]]] = [
    ("watch:about", lambda w, r: reverse("watch:about"), "get", {}, _all(200)),
    ("watch:join", lambda w, r: reverse("watch:join"), "get", {}, _all(200)),
    ("watch:join", lambda w, r: reverse("watch:join"), "post", {}, _all(200)),  # errors shown
    ("watch:join_thanks", lambda w, r: reverse("watch:join_thanks"), "get", {}, _all(200)),
    (
        "watch:card",
        lambda w, r: reverse("watch:card", args=[w.card_token if r == "business" else "forged"]),
        "get",
        {},
        _token_only(200, 404),
    ),
    (
        "watch:card",
        lambda w, r: reverse("watch:card", args=[w.card_token]),
        "post",
        {},
        _all(405),
    ),
    (
        "watch:report",
        lambda w, r: reverse(
            "watch:report", args=[w.shop.report_token if r == "business" else "forged"]
        ),
        "get",
        {},
        _token_only(200, 404),
    ),
    (
        "watch:report",
        lambda w, r: reverse(
            "watch:report", args=[w.shop.report_token if r == "business" else "forged"]
        ),
        "post",
        {},
        _token_only(200, 404),  # the business sees the form's errors; nothing is recorded
    ),
    (
        "watch:report",
        lambda w, r: reverse("watch:report", args=[w.suspended.report_token]),
        "get",
        {},
        _all(404),
    ),
    (
        "watch:report",
        lambda w, r: reverse("watch:report", args=[w.applied.report_token]),
        "get",
        {},
        _all(404),
    ),
    (
        "watch:status",
        lambda w, r: reverse(
            "watch:status", args=[status_token(w.report) if r == "business" else "forged"]
        ),
        "get",
        {},
        _token_only(200, 404),
    ),
    ("watch:centre_home", lambda w, r: reverse("watch:centre_home"), "get", {}, CENTRE_PEOPLE),
    (
        "watch:report_detail",
        lambda w, r: reverse("watch:report_detail", args=[w.report.pk]),
        "get",
        {},
        ROUTED_CENTRE,
    ),
    (
        "watch:report_detail",
        lambda w, r: reverse("watch:report_detail", args=[w.report.pk]),
        "post",
        {"action": "nothing"},
        ROUTED_CENTRE_POST,
    ),
    (
        "watch:report_detail",
        lambda w, r: reverse("watch:report_detail", args=[w.escalated.pk]),
        "get",
        {},
        AFTER_ESCALATION,
    ),
    (
        "watch:report_detail",
        lambda w, r: reverse("watch:report_detail", args=[uuid.uuid4()]),
        "get",
        {},
        _signed(LOGIN),
    ),
    (
        "watch:report_reveal",
        lambda w, r: reverse("watch:report_reveal", args=[w.report.pk]),
        "post",
        {"purpose": "対応のため"},
        ROUTED_CENTRE,
    ),
    (
        "watch:report_reveal",
        lambda w, r: reverse("watch:report_reveal", args=[w.escalated.pk]),
        "post",
        {"purpose": "対応のため"},
        AFTER_ESCALATION,
    ),
    (
        "watch:report_reveal",
        lambda w, r: reverse("watch:report_reveal", args=[w.report.pk]),
        "get",
        {},
        _signed(LOGIN, others=405),
    ),
    ("watch:staff_home", lambda w, r: reverse("watch:staff_home"), "get", {}, STAFF_ONLY),
    (
        "watch:staff_business",
        lambda w, r: reverse("watch:staff_business", args=[w.applied.pk]),
        "get",
        {},
        STAFF_ONLY,
    ),
    (
        "watch:staff_business",
        lambda w, r: reverse("watch:staff_business", args=[w.applied.pk]),
        "post",
        {"action": "nothing"},
        _signed(LOGIN, others=403, sara=302, root=302),
    ),
    (
        "watch:staff_business",
        lambda w, r: reverse("watch:staff_business", args=[uuid.uuid4()]),
        "get",
        {},
        _signed(LOGIN, others=403, sara=404, root=404),
    ),
    (
        "watch:staff_card",
        lambda w, r: reverse("watch:staff_card", args=[w.shop.pk]),
        "get",
        {},
        STAFF_ONLY,
    ),
    ("watch:figures", lambda w, r: reverse("watch:figures"), "get", {}, STAFF_ONLY),
]

PARAMS = [
    pytest.param(name, build, method, data, role, expected[role], id=f"{name}-{method}-{i}-{role}")
    for i, (name, build, method, data, expected) in enumerate(CASES)
    for role in ROLES
]


def client_for(role: str, request: Any) -> Client:
    client = Client()
    if role in SIGNED:
        signed_in(client, request.getfixturevalue(role), otp=True)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name,build,method,data,role,expected", PARAMS)
def test_it_gives_each_role_the_exact_outcome(
    request, world, name, build, method, data, role, expected
):
    path = build(world, role)
    response = getattr(client_for(role, request), method)(path, data)
    assert_outcome(response, expected, path)


def test_it_covers_every_url_pattern():
    _prefix, sub = get_resolver().namespace_dict["watch"]
    names = {f"watch:{key}" for key in sub.reverse_dict if isinstance(key, str)}
    assert names - {name for name, *_rest in CASES} == set()


UNVERIFIED = ["kimura", "hayashi", "kato", "bob"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", UNVERIFIED)
def test_report_pages_send_everyone_without_a_second_factor_to_the_second_step(
    request, world, role
):
    client = signed_in(Client(), request.getfixturevalue(role), verified=False)
    for method, path, data in (
        ("get", reverse("watch:report_detail", args=[world.report.pk]), {}),
        ("post", reverse("watch:report_detail", args=[world.report.pk]), {"action": "acknowledge"}),
        ("post", reverse("watch:report_reveal", args=[world.report.pk]), {"purpose": "対応のため"}),
    ):
        assert_outcome(getattr(client, method)(path, data), VERIFY, path)
    world.report.refresh_from_db()
    assert world.report.status == "received"
