"""Everyone who can change what the public sees signs in with two factors (decision 0024):
an ordinary member with a password alone changes no listing and publishes no gathering."""

from typing import Any

import pytest

from tsunagari.directory.models import ReviewStatus, Service
from tsunagari.gatherings.tests.conftest import make_gathering
from tsunagari.testing import signed_in

pytestmark = pytest.mark.django_db


def test_it_sends_a_member_with_a_password_alone_to_the_second_step(
    client: Any,
    bob: Any,
    org_a: Any,
) -> None:
    listing = Service.objects.create(
        organization=org_a,
        name="（テスト）こころの相談室",
        url="https://example.org/real",
        review_status=ReviewStatus.PUBLISHED,
    )
    gathering = make_gathering(org_a)
    signed_in(client, bob, verified=False)

    edit = client.post(
        f"/listings/{listing.pk}/edit/",
        {"name": listing.name, "url": "https://phishing.example/", "need_codes": ["mental"]},
    )
    publish = client.post(f"/events/manage/{gathering.pk}/publish/")

    for response in (edit, publish):
        assert response.status_code == 302
        assert "/accounts/two-factor/" in response["Location"]
    listing.refresh_from_db()
    gathering.refresh_from_db()
    assert listing.url == "https://example.org/real"
    assert gathering.state == "draft"


def test_it_asks_a_member_signing_in_for_the_code_too(client: Any, bob: Any, password: str) -> None:
    response = client.post("/accounts/login/", {"username": "bob", "password": password})
    assert response.status_code == 302
    assert "/accounts/two-factor/" in response["Location"]
