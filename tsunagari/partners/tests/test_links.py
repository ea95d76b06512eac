"""A member and the staff can reach every part of their work from their start pages."""

import pytest
from django.urls import reverse

from tsunagari.partners.tests.conftest import *  # noqa: F403
from tsunagari.partners.tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_it_links_a_member_to_their_listings_and_gatherings(client, alice):
    signed_in(client, alice)
    html = client.get(reverse("partners:dashboard")).content.decode()
    assert reverse("listings:mine") in html
    assert reverse("gatherings:manage") in html


def test_it_links_staff_to_review_outdated_listings_and_the_admin(client, sara):
    signed_in(client, sara)
    response = client.get(reverse("partners:staff_home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("listings:review_queue") in html
    assert reverse("listings:overdue") in html
    assert reverse("admin:index") in html
    assert "<title>事務局の作業 |" in html
