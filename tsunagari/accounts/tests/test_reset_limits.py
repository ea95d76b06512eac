"""Password-reset mails are limited per address and per client, and the page says the same."""

from typing import Any

import pytest

from tsunagari.accounts.models import User
from tsunagari.outbox.models import Message

pytestmark = pytest.mark.django_db


def _ask(client: Any, email: str, address: str = "203.0.113.9") -> Any:
    return client.post("/accounts/password-reset/", {"email": email}, REMOTE_ADDR=address)


def test_it_sends_at_most_three_reset_mails_to_one_address_an_hour(client: Any, bob: Any) -> None:
    responses = [_ask(client, bob.email, f"198.51.100.{i}") for i in range(6)]
    assert all(r["Location"] == "/accounts/password-reset/sent/" for r in responses)
    assert Message.objects.filter(to=bob.email).count() == 3


def test_it_sends_at_most_ten_reset_mails_from_one_client_an_hour(
    client: Any, password: str
) -> None:
    for i in range(12):
        User.objects.create_user(username=f"p{i}", email=f"p{i}@example.org", password=password)
        _ask(client, f"p{i}@example.org")
    assert Message.objects.count() == 10
    _ask(client, "p11@example.org", "192.0.2.1")  # another client is not held back
    assert Message.objects.count() == 11
