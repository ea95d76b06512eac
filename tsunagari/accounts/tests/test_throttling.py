"""Login throttling: per username and per client address (as the trusted proxy reports it),
one password tried across many usernames, and a cool-down instead of a long lock."""

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tsunagari.accounts.models import User
from tsunagari.core.clientip import client_ip

pytestmark = pytest.mark.django_db

LOCKED = "しばらくログインできません"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1


def _try(client: Any, username: str, password: str, address: str) -> Any:
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=address,
        REMOTE_ADDR="10.0.0.1",  # the reverse proxy
    )


def _people(n: int, password: str) -> list[str]:
    names = [f"person{i}" for i in range(n)]
    for name in names:
        User.objects.create_user(username=name, email=f"{name}@example.org", password=password)
    return names


def test_it_takes_the_client_address_from_the_trusted_proxy_only(rf: Any, settings: Any) -> None:
    spoofed = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert client_ip(spoofed) == "203.0.113.7"  # what our proxy saw, not what the client wrote
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(spoofed) == "10.0.0.1"  # no proxy trusted: the header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    garbage = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.1")
    assert client_ip(garbage) == "10.0.0.1"


def test_it_cools_down_one_address_that_tries_many_usernames(client: Any, password: str) -> None:
    names = _people(6, password)
    for name in names[:5]:
        _try(client, name, "wrong-password-1", f"203.0.113.{names.index(name)}")
    # …five different usernames from five addresses are fine; five from one address are not:
    for name in names[:5]:
        _try(client, name, f"wrong-{name}", "198.51.100.9")
    refused = _try(client, names[5], password, "198.51.100.9")
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert _try(client, names[5], password, "198.51.100.10").status_code == 302


def test_it_cools_down_one_username_tried_from_many_addresses(
    client: Any, alice: Any, password: str
) -> None:
    for i in range(5):
        _try(client, "alice", f"guess-{i}", f"203.0.113.{i}")
    refused = _try(client, "alice", password, "192.0.2.50")
    assert refused.status_code == 429


def test_it_lets_the_admin_in_again_after_the_cool_down_not_after_an_hour(
    client: Any, alice: Any, password: str
) -> None:
    for i in range(5):
        _try(client, "alice", f"guess-{i}", "203.0.113.66")
    assert _try(client, "alice", password, "192.0.2.50").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _try(client, "alice", password, "192.0.2.50").status_code == 302


def test_it_refuses_one_password_tried_across_many_usernames(client: Any, password: str) -> None:
    names = _people(7, password)
    for i, name in enumerate(names[:5]):
        _try(client, name, "Sakai-2026-haru", f"203.0.113.{i}")
    sprayed = _try(client, names[5], "Sakai-2026-haru", "192.0.2.77")
    assert sprayed.status_code == 200
    assert "このパスワードでのログインを少しのあいだ止めています" in sprayed.content.decode()
    # the person's own password still works, from anywhere
    assert _try(client, names[6], password, "192.0.2.78").status_code == 302
