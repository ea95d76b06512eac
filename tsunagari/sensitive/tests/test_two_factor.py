"""Every role that reads personal details has passed the second sign-in step."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.partners.tests.conftest import *  # noqa: F403
from tsunagari.sensitive.access import two_factor_required


@two_factor_required
def details(request: HttpRequest) -> HttpResponse:
    return HttpResponse("連絡先")


def _request(user: Any, *, device: Any = None) -> HttpRequest:
    request = RequestFactory().get("/referrals/1/")
    request.session = SessionStore()
    request.user = user
    if device is not None:
        user.otp_device = device
    user.is_verified = lambda: device is not None
    return request


@pytest.mark.django_db
def test_an_ordinary_member_with_a_password_alone_is_sent_to_the_second_step(bob: Any) -> None:
    response = details(_request(bob))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    assert "next=/referrals/1/" in response["Location"]


@pytest.mark.django_db
def test_the_same_member_after_the_code_sees_the_page(bob: Any) -> None:
    device = TOTPDevice.objects.create(user=bob, name="phone", confirmed=True)
    assert details(_request(bob, device=device)).content.decode() == "連絡先"


def test_anonymous_people_are_asked_to_sign_in() -> None:
    request = RequestFactory().get("/referrals/1/")
    request.user = AnonymousUser()
    assert details(request)["Location"].startswith("/accounts/login/")
