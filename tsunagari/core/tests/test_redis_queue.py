"""The task queue on Redis (TASKS_BACKEND=django_tasks_rq.RQBackend, docs/decisions/0020):
a mail written by one process is sent by a real RQ worker in another, through Redis on
127.0.0.1 — the set-up for several machines. Skipped with the reason when Redis is not
running or django-tasks-rq is not installed (the `test` extra installs it)."""

import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
REDIS_DB = 13  # a database of its own on the shared Redis


def redis_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(not redis_running(), reason="Redis is not running on 127.0.0.1:6379"),
    pytest.mark.skipif(
        importlib.util.find_spec("django_tasks_rq") is None,
        reason="django-tasks-rq is not installed (pip install -e '.[test]')",
    ),
]


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_a_mail_queued_in_one_process_is_sent_by_an_rq_worker_in_another(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'queue.sqlite3'}",
        "TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    import redis

    queue = redis.Redis.from_url(env["REDIS_URL"])
    queue.flushdb()
    manage(env, "migrate", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from django.db import transaction\n"
        "from tsunagari.outbox.models import Message\n"
        "with transaction.atomic():\n"
        "    Message.queue(to='a@example.org', subject='Redisの試験', body='本文')\n",
    )
    assert queue.llen("rq:queue:default") == 1  # waiting in Redis, not in the database

    manage(env, "rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job")

    status = manage(
        env,
        "shell",
        "-c",
        "from tsunagari.outbox.models import Message\n"
        "print([(m.subject, m.status, m.sent_at is not None) for m in Message.objects.all()])",
    )
    assert "('Redisの試験', 'sent', True)" in status
    assert queue.llen("rq:queue:default") == 0
    queue.flushdb()
