"""Every URL of opendata × every role: all public, the same answer for everyone, and
nothing that is not public is shown to anyone. A new URL fails
``test_it_covers_every_url_pattern`` until a row is added here."""

from collections.abc import Callable

import pytest
from django.urls import URLPattern, get_resolver, reverse

from tsunagari.core.access import Audience, audience_of
from tsunagari.opendata.tests.conftest import Seed, signed_in

ROLES = ["anonymous", "plain_user", "bob", "alice", "charlie", "sara", "root"]

# (url name, path builder, expected status for everyone)
Row = tuple[str, Callable[[Seed], str], int]
ROWS: list[Row] = [
    ("opendata:root", lambda s: reverse("opendata:root"), 200),
    ("opendata:openapi", lambda s: reverse("opendata:openapi"), 200),
    ("opendata:schema", lambda s: reverse("opendata:schema", args=["service.json"]), 200),
    ("opendata:schema", lambda s: reverse("opendata:schema", args=["../settings.py"]), 404),
    ("opendata:services", lambda s: reverse("opendata:services"), 200),
    ("opendata:service", lambda s: reverse("opendata:service", args=[s.desk.pk]), 200),
    ("opendata:service", lambda s: reverse("opendata:service", args=[s.pending.pk]), 404),
    ("opendata:service", lambda s: reverse("opendata:service", args=[s.demo.pk]), 404),
    ("opendata:organizations", lambda s: reverse("opendata:organizations"), 200),
    (
        "opendata:organization",
        lambda s: reverse("opendata:organization", args=[s.desk.organization_id]),
        200,
    ),
    (
        "opendata:organization",
        lambda s: reverse("opendata:organization", args=[s.demo.organization_id]),
        404,
    ),
    ("opendata:taxonomies", lambda s: reverse("opendata:taxonomies"), 200),
    ("opendata:taxonomy_terms", lambda s: reverse("opendata:taxonomy_terms"), 200),
    ("opendata:service_at_locations", lambda s: reverse("opendata:service_at_locations"), 200),
    ("opendata:services_feed", lambda s: reverse("opendata:services_feed"), 200),
    ("opendata:new_services_feed", lambda s: reverse("opendata:new_services_feed"), 200),
]
CASES = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "role"),
    CASES,
    ids=[f"{r[0]}-{i // len(ROLES)}-{role}" for i, (r, role) in enumerate(CASES)],
)
def test_it_gives_each_role_the_same_public_answer(client, request, seed, row, role):
    name, path_for, expected = row
    if role != "anonymous":
        signed_in(client, request.getfixturevalue(role))
    path = path_for(seed)
    response = client.get(path)
    assert response.status_code == expected, (path, role, response.status_code)
    if name.startswith("opendata:") and "feed" not in name:
        assert response["Access-Control-Allow-Origin"] == "*"
    # read-only: nothing is written through these URLs
    assert client.post(path).status_code == 405


def test_it_covers_every_url_pattern():
    _prefix, sub = get_resolver().namespace_dict["opendata"]
    names = {f"opendata:{n}" for n in sub.reverse_dict if isinstance(n, str)}
    assert names == {row[0] for row in ROWS}


def test_it_declares_every_view_public():
    _prefix, sub = get_resolver().namespace_dict["opendata"]
    for pattern in sub.url_patterns:
        assert isinstance(pattern, URLPattern)
        assert audience_of(pattern.callback) == Audience.PUBLIC, pattern.name


def test_it_counts_the_cases():
    assert len(CASES) == len(ROWS) * len(ROLES) == 112
