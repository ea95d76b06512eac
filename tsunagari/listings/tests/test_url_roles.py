"""Every URL of gatherings/ (plus /events.ics) and listings/ × every role, with the exact outcome.

Roles: anonymous, plain_user (signed in, no organisation), bob (member of org A),
alice (admin of org A), charlie (admin of org B), sara (staff), root (system admin).
People who need two-factor are OTP-verified. A new URL in either namespace fails
``test_it_covers_every_url_pattern`` until a row is added here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from tsunagari.directory.models import ReviewStatus, Service
from tsunagari.gatherings.models import Gathering
from tsunagari.gatherings.tests.conftest import make_gathering
from tsunagari.listings.models import ConfirmationRequest
from tsunagari.listings.services import confirmation_token
from tsunagari.listings.tests.conftest import make_listing, signed_in

ROLES = ["anonymous", "plain_user", "bob", "alice", "charlie", "sara", "root"]
LOGIN = "login"  # 302 to the login page
REDIRECT = "redirect"  # 302 somewhere else: the action was done


@dataclass
class World:
    org_a: Any
    draft: Gathering
    published: Gathering
    listing: Service
    pending: Service
    token: str
    ended: Gathering
    cancellation: Any


def _tuesdays_from_today(weeks: int) -> date:
    today = timezone.localdate()
    return today + timedelta(days=(1 - today.weekday()) % 7 + 7 * weeks)


@pytest.fixture
def world(org_a, org_b, alice, bob, charlie, sara, root, plain_user) -> World:
    draft = make_gathering(org_a, title="（テスト）下書き")
    published = make_gathering(org_a)
    published.publish()
    listing = make_listing(org_a)
    pending = make_listing(org_a, name="（テスト）確認待ち", review_status=ReviewStatus.PENDING)
    request = ConfirmationRequest.objects.create(service=listing, sent_to="alice@example.org")
    ended = make_gathering(org_a, title="（テスト）終わった会")
    ended.publish()
    ended.end()
    cancellation = published.cancel_session(_tuesdays_from_today(3))
    return World(
        org_a,
        draft,
        published,
        listing,
        pending,
        confirmation_token(request),
        ended,
        cancellation,
    )


def everyone(outcome: Any) -> dict[str, Any]:
    return dict.fromkeys(ROLES, outcome)


def by_role(
    anonymous: Any, plain_user: Any, bob: Any, alice: Any, charlie: Any, sara: Any, root: Any
) -> dict[str, Any]:
    return dict(zip(ROLES, [anonymous, plain_user, bob, alice, charlie, sara, root], strict=True))


OWN_ORG = by_role(LOGIN, 404, 200, 200, 404, 404, 404)
ANY_ORG = by_role(LOGIN, 404, 200, 200, 200, 404, 404)
OWN_ORG_ACTION = by_role(LOGIN, 404, REDIRECT, REDIRECT, 404, 404, 404)
STAFF_PAGE = by_role(LOGIN, 403, 403, 403, 403, 200, 200)
STAFF_ACTION = by_role(LOGIN, 403, 403, 403, 403, REDIRECT, REDIRECT)

# (url name, method, path builder, POST data, expected outcome per role)
Row = tuple[str, str, Callable[[World], str], dict[str, str], dict[str, Any]]
ROWS: list[Row] = [
    ("gatherings:calendar", "get", lambda w: reverse("gatherings:calendar"), {}, everyone(200)),
    ("gatherings_feed", "get", lambda w: reverse("gatherings_feed"), {}, everyone(200)),
    (
        "gatherings:detail",
        "get",
        lambda w: reverse("gatherings:detail", args=[w.published.pk]),
        {},
        everyone(200),
    ),
    (
        "gatherings:detail",
        "get",
        lambda w: reverse("gatherings:detail", args=[w.draft.pk]),
        {},
        everyone(404),
    ),
    ("gatherings:manage", "get", lambda w: reverse("gatherings:manage"), {}, ANY_ORG),
    (
        "gatherings:create",
        "get",
        lambda w: reverse("gatherings:create", args=[w.org_a.pk]),
        {},
        OWN_ORG,
    ),
    (
        "gatherings:edit",
        "get",
        lambda w: reverse("gatherings:edit", args=[w.draft.pk]),
        {},
        OWN_ORG,
    ),
    (
        "gatherings:translations",
        "get",
        lambda w: reverse("gatherings:translations", args=[w.draft.pk]),
        {},
        OWN_ORG,
    ),
    (
        "gatherings:publish",
        "post",
        lambda w: reverse("gatherings:publish", args=[w.draft.pk]),
        {},
        OWN_ORG_ACTION,
    ),
    (
        "gatherings:withdraw",
        "post",
        lambda w: reverse("gatherings:withdraw", args=[w.published.pk]),
        {},
        OWN_ORG_ACTION,
    ),
    (
        "gatherings:detail",
        "get",
        lambda w: reverse("gatherings:detail", args=[w.ended.pk]),
        {},
        everyone(200),
    ),
    (
        "gatherings:pause",
        "post",
        lambda w: reverse("gatherings:pause", args=[w.published.pk]),
        {},
        OWN_ORG_ACTION,
    ),
    (
        "gatherings:end",
        "post",
        lambda w: reverse("gatherings:end", args=[w.published.pk]),
        {},
        OWN_ORG_ACTION,
    ),
    (
        "gatherings:delete",
        "post",
        lambda w: reverse("gatherings:delete", args=[w.draft.pk]),
        {},
        OWN_ORG_ACTION,
    ),
    (
        "gatherings:review_queue",
        "get",
        lambda w: reverse("gatherings:review_queue"),
        {},
        STAFF_PAGE,
    ),
    # Only a submitted gathering can be approved or sent back: for staff a draft is "not found".
    (
        "gatherings:approve",
        "post",
        lambda w: reverse("gatherings:approve", args=[w.draft.pk]),
        {},
        by_role(LOGIN, 403, 403, 403, 403, 404, 404),
    ),
    (
        "gatherings:send_back",
        "post",
        lambda w: reverse("gatherings:send_back", args=[w.draft.pk]),
        {"message": "写真の説明を足してください"},
        by_role(LOGIN, 403, 403, 403, 403, 404, 404),
    ),
    (
        "gatherings:cancel_session",
        "post",
        lambda w: reverse("gatherings:cancel_session", args=[w.published.pk]),
        {"day": _tuesdays_from_today(2).isoformat(), "reason": "雨のため"},
        OWN_ORG_ACTION,
    ),
    (
        "gatherings:restore_session",
        "post",
        lambda w: reverse("gatherings:restore_session", args=[w.published.pk, w.cancellation.pk]),
        {},
        OWN_ORG_ACTION,
    ),
    (
        "gatherings:history",
        "get",
        lambda w: reverse("gatherings:history", args=[w.draft.pk]),
        {},
        by_role(LOGIN, 404, 200, 200, 404, 200, 200),
    ),
    ("listings:mine", "get", lambda w: reverse("listings:mine"), {}, ANY_ORG),
    (
        "listings:create",
        "get",
        lambda w: reverse("listings:create", args=[w.org_a.pk]),
        {},
        OWN_ORG,
    ),
    ("listings:edit", "get", lambda w: reverse("listings:edit", args=[w.listing.pk]), {}, OWN_ORG),
    (
        "listings:translations",
        "get",
        lambda w: reverse("listings:translations", args=[w.listing.pk]),
        {},
        OWN_ORG,
    ),
    (
        "listings:translations",
        "post",
        lambda w: reverse("listings:translations", args=[w.listing.pk]),
        {"translations-TOTAL_FORMS": "0", "translations-INITIAL_FORMS": "0"},
        OWN_ORG_ACTION,
    ),
    (
        "listings:history",
        "get",
        lambda w: reverse("listings:history", args=[w.listing.pk]),
        {},
        by_role(LOGIN, 404, 200, 200, 404, 200, 200),
    ),
    ("listings:review_queue", "get", lambda w: reverse("listings:review_queue"), {}, STAFF_PAGE),
    (
        "listings:review",
        "get",
        lambda w: reverse("listings:review", args=[w.pending.pk]),
        {},
        STAFF_PAGE,
    ),
    ("listings:overdue", "get", lambda w: reverse("listings:overdue"), {}, STAFF_PAGE),
    (
        "listings:approve",
        "post",
        lambda w: reverse("listings:approve", args=[w.pending.pk]),
        {},
        STAFF_ACTION,
    ),
    (
        "listings:send_back",
        "post",
        lambda w: reverse("listings:send_back", args=[w.pending.pk]),
        {"message": "直してください"},
        STAFF_ACTION,
    ),
    (
        "listings:confirm",
        "get",
        lambda w: reverse("listings:confirm", args=[w.token]),
        {},
        everyone(200),
    ),
    (
        "listings:confirm",
        "get",
        lambda w: reverse("listings:confirm", args=["forged"]),
        {},
        everyone(404),
    ),
]

CASES = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "role"),
    CASES,
    ids=[f"{r[0]}-{r[1]}-{i // len(ROLES)}-{role}" for i, (r, role) in enumerate(CASES)],
)
def test_it_gives_each_role_the_exact_outcome(client, request, world, row, role):
    name, method, path_for, data, outcomes = row
    if role != "anonymous":
        signed_in(client, request.getfixturevalue(role))
    path = path_for(world)
    response = getattr(client, method)(path, data)
    expected = outcomes[role]
    if expected == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], (
            path,
            role,
        )
    elif expected == REDIRECT:
        assert response.status_code == 302 and "/accounts/" not in response["Location"], (
            path,
            role,
        )
    else:
        assert response.status_code == expected, (path, role, response.status_code)


def test_it_covers_every_url_pattern():
    resolver = get_resolver()
    names = {"gatherings_feed"}
    for namespace in ("gatherings", "listings"):
        _prefix, sub = resolver.namespace_dict[namespace]
        names |= {f"{namespace}:{n}" for n in sub.reverse_dict if isinstance(n, str)}
    assert names == {row[0] for row in ROWS}


def test_it_counts_the_cases():
    assert len(CASES) == len(ROWS) * len(ROLES) == 231
