"""Answers are cached as data in Django's cache, so every worker shares them (decision 0030)."""

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tsunagari.directory.tests.factories import make_service
from tsunagari.navigator.recommend import Answer
from tsunagari.navigator.views import _answer_key

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/13"  # this branch's own database number
REDIS_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS,
        "KEY_PREFIX": "tsunagari-test-answers",
    }
}


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _key(q: str) -> str:
    with translation.override("ja"):
        return _answer_key(QueryDict(f"q={q}"))


def _ask(client: Client, q: str, store: Any = None) -> tuple[str, Any]:
    """Ask on the page; (the cache key it used, what the cache holds there). The key has
    the minute in it, so it is taken before and after (a minute may turn in between)."""
    store = store or cache
    before = _key(q)
    client.get(reverse("navigator:answer"), {"q": q})
    for key in (before, _key(q)):
        found = store.get(key)
        if found is not None:
            return key, found
    return before, None


def test_an_answer_is_kept_in_the_cache_as_data(client: Client) -> None:
    make_service("（テスト）お金の窓口", needs=("money",))
    _key_used, computed = _ask(client, "借金")
    assert isinstance(computed.answer, Answer)  # data, not a rendered page
    assert computed.answer.services[0].name == "（テスト）お金の窓口"


def test_an_answer_another_worker_cached_is_served(client: Client) -> None:
    make_service("（テスト）お金の窓口", needs=("money",))
    url = reverse("navigator:answer")
    key, computed = _ask(client, "借金")
    # What another worker put under the same key (here: the same answer, renamed).
    renamed = computed.answer.services[0].__class__(
        **{**computed.answer.services[0].__dict__, "name": "（テスト）別の働き手の答え"}
    )
    computed.answer.services[0] = renamed
    cache.set(key, computed, 60)
    assert "（テスト）別の働き手の答え" in client.get(url, {"q": "借金"}).content.decode()


@pytest.fixture
def redis_cache() -> Iterator[RedisCache]:
    if not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379 (start it to run this test)")
    with override_settings(CACHES=REDIS_CACHES):
        cache.clear()
        # A second client of the same Redis: another worker's view of the cache.
        other = RedisCache(REDIS, {"KEY_PREFIX": "tsunagari-test-answers"})
        yield other
        cache.clear()


def test_with_redis_another_worker_reads_the_answer_and_a_change_moves_on(
    client: Client, redis_cache: RedisCache
) -> None:
    desk = make_service("（テスト）お金の窓口", needs=("money",))
    key, shared = _ask(client, "借金", redis_cache)
    assert shared is not None and shared.answer.services[0].name == "（テスト）お金の窓口"
    desk.name = "（テスト）お金と暮らしの窓口"
    desk.save()  # a new version of the directory: a new key, the old answer is not reused
    html = client.get(reverse("navigator:answer"), {"q": "借金"}).content.decode()
    assert "（テスト）お金と暮らしの窓口" in html
    assert _key("借金") != key
