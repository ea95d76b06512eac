"""The Prometheus page: staff only, counts and latency by route name."""

from typing import Any

import pytest
from django.test import Client

from tsunagari.partners.tests.conftest import _fast_passwords, signed_in  # noqa: F401


@pytest.mark.django_db
def test_it_counts_requests_by_route_for_staff(client: Client, sara: Any) -> None:
    client.get("/healthz")
    signed_in(client, sara)
    response = client.get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'tsunagari_requests_total{method="GET",route="ops:healthz",status="200"}' in text
    assert 'tsunagari_request_duration_seconds_bucket{le="0.5",route="ops:healthz"}' in text


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/metrics")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_it_refuses_signed_in_people_who_are_not_staff(client: Client, plain_user: Any) -> None:
    signed_in(client, plain_user)
    assert client.get("/metrics").status_code == 403


@pytest.mark.django_db
def test_it_asks_staff_for_the_second_sign_in_step(client: Client, sara: Any) -> None:
    signed_in(client, sara, verified=False)
    response = client.get("/metrics")
    assert response.status_code == 302
    assert "otp" in response["Location"] or "two" in response["Location"]
