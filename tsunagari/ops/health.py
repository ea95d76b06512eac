"""What the load balancer asks: is this process alive, and can it serve?

Liveness (``/healthz``) touches nothing outside the process: a database outage must not
make the orchestrator kill healthy workers. Readiness (``/readyz``) checks what a request
needs — the database, the shared cache when it is a real server, and the task queue once
one is installed. The answers say only "ok" or "unavailable"; which check failed is written
to the server's log, never to the visitor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections

logger = logging.getLogger("tsunagari.health")

Check = Callable[[], None]


def check_database() -> None:
    for alias in settings.DATABASES:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache() -> None:
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    if "locmem" in backend or "dummy" in backend:
        return  # in-process: nothing to reach
    cache.set("readyz", "1", timeout=10)
    if cache.get("readyz") != "1":
        raise RuntimeError("cache did not return what was set")


def check_task_queue() -> None:
    """The django-tasks database backend's table answers (once the task engine is installed)."""
    if not apps.is_installed("django_tasks_db"):
        return
    model = apps.get_model("django_tasks_database", "DBTaskResult")
    model.objects.using("default").exists()


CHECKS: dict[str, Check] = {
    "database": check_database,
    "cache": check_cache,
    "task_queue": check_task_queue,
}


def failed_checks() -> list[str]:
    """Names of the checks that failed (for the log), empty when ready."""
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means "not ready"; the reason goes to the log
            logger.warning("readiness check failed: %s", name, exc_info=True)
            failed.append(name)
    return failed
