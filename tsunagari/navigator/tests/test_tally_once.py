"""The navigator's anonymous tallies: a question repeated by one client counts once."""

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from tsunagari.navigator import tallies
from tsunagari.navigator.models import NeedTally

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nothing_left_from_other_tests() -> None:
    """Counts another test left waiting in this process, or its remembered questions,
    must not be counted here."""
    tallies.flush()
    NeedTally.objects.all().delete()
    cache.clear()


QUESTION = {"q": "ギャンブルがやめられない", "ward": "kita"}


def _count() -> int:
    return sum(NeedTally.objects.values_list("count", flat=True))


def test_it_counts_a_question_repeated_by_one_client_once(client: Any) -> None:
    for _ in range(5):
        client.get(reverse("navigator:answer"), QUESTION, REMOTE_ADDR="203.0.113.5")
        client.post(reverse("navigator:answer"), QUESTION, REMOTE_ADDR="203.0.113.5")
    assert _count() == 1


def test_it_still_counts_other_people_and_other_questions(client: Any) -> None:
    client.get(reverse("navigator:answer"), QUESTION, REMOTE_ADDR="203.0.113.5")
    client.get(reverse("navigator:answer"), QUESTION, REMOTE_ADDR="203.0.113.6")
    client.get(
        reverse("navigator:answer"), {**QUESTION, "ward": "sakai"}, REMOTE_ADDR="203.0.113.5"
    )
    assert _count() == 3
