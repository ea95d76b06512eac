"""/healthz and /readyz, as a load balancer sees them."""

from typing import Any

import pytest
from django.test import Client

from tsunagari.ops import health


def test_it_answers_alive_without_asking_the_database(client: Client) -> None:
    # no django_db mark: any query here would raise
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_ready_when_the_database_answers(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_it_answers_unavailable_and_names_nothing_when_a_check_fails(
    client: Client, monkeypatch: Any, caplog: Any
) -> None:
    def database_down() -> None:
        raise ConnectionError("connection to server at 10.0.0.5 port 5432 refused")

    monkeypatch.setitem(health.CHECKS, "database", database_down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    # the reason is for the operator's log, not for whoever asks
    assert "database" in caplog.text
    assert b"5432" not in response.content


def test_it_refuses_other_methods(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_it_checks_a_real_redis_cache_when_one_is_configured(client: Client, settings: Any) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    assert client.get("/readyz").status_code == 200
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/15",  # nothing listens there
        }
    }
    assert client.get("/readyz").status_code == 503


@pytest.mark.django_db
def test_it_checks_the_task_queue_table() -> None:
    health.check_task_queue()  # the django-tasks database queue answers
    assert "task_queue" not in health.failed_checks()
