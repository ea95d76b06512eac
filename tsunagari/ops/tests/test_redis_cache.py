"""REDIS_URL switches Django's cache to Redis: one cache for every worker and machine."""

import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings as django_settings


def redis_or_skip() -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")


def cache_backend_with(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION', ''))"
    )
    clean = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "tsunagari.settings", "DEBUG": "true", **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    return done.stdout.strip()


def test_it_uses_each_process_memory_without_redis_url() -> None:
    assert cache_backend_with({}).startswith("django.core.cache.backends.locmem.LocMemCache")


def test_it_uses_redis_when_redis_url_is_set() -> None:
    assert cache_backend_with({"REDIS_URL": "redis://127.0.0.1:6379/3"}) == (
        "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/3"
    )


def test_it_shares_what_one_worker_cached_with_another(settings: Any) -> None:
    redis_or_skip()
    from django.core.cache.backends.redis import RedisCache

    params = {"KEY_PREFIX": "tsunagari-test"}
    worker_a = RedisCache("redis://127.0.0.1:6379/15", params)
    worker_b = RedisCache("redis://127.0.0.1:6379/15", params)  # its own connection pool
    worker_a.set("answer:借金", {"needs": ["money"]}, timeout=30)
    try:
        assert worker_b.get("answer:借金") == {"needs": ["money"]}
    finally:
        worker_a.delete("answer:借金")
    assert worker_b.get("answer:借金") is None
