"""People sign in and write while two workers send mail: no "database is locked", no 500.

Real processes on a real database: gunicorn (3 worker processes) and two
``run_worker`` processes, against a SQLite file in WAL mode (a copy of the migrated
test database) or the PostgreSQL test database, with a slow real SMTP server so that
sends overlap the sign-ins. Six people at once sign in (a session row, last_login
and a full-strength re-hash of the password written), read a page, ask twice for a
password reset mail (a write that enqueues a send task) and sign out.
"""

import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess  # noqa: S404 — the test starts real server and worker processes
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from tsunagari.outbox.tests.conftest import _free_port

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 6
MAILS_EACH = 2
PASSWORD = "kokoro-no-tomo-2026"


class Person:
    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.username = username
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.statuses: list[int] = []

    def _csrf(self) -> str:
        return str(next(c.value for c in self.jar if c.name == "csrftoken"))

    def request(self, path: str, data: dict[str, str] | None = None) -> int:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._csrf()}).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                status = int(response.status)
        except urllib.error.HTTPError as error:
            status = error.code
        self.statuses.append(status)
        return status

    def visit(self) -> None:
        self.request("/accounts/login/")
        self.request("/accounts/login/", {"username": self.username, "password": PASSWORD})
        self.request("/")
        for _ in range(MAILS_EACH):
            self.request("/accounts/password-reset/", {"email": f"{self.username}@example.org"})
        self.request("/accounts/logout/", {})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _database_url(tmp_path: Path) -> tuple[str, Any]:
    """The database the processes share, and a function that runs a query on it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "tsunagari.sqlite3"
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)  # the migrated test database, with its people
        target.close()

        def query(sql: str) -> list[tuple[Any, ...]]:
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchall()

        return f"sqlite:///{path}", query
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")

    def pg_query(sql: str) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return list(cursor.fetchall())

    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}", pg_query


def test_sign_ins_and_writes_beside_the_mail_workers_never_meet_a_locked_database(
    smtp_server, tmp_path
):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from tsunagari.accounts.models import User

    # A cheap hash to check; the sign-in then re-hashes it at full strength (one more write).
    encoded = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations=1000)
    names = [f"person{i}" for i in range(PEOPLE)]
    for name in names:
        User.objects.create(username=name, email=f"{name}@example.org", password=encoded)

    def slow_smtp() -> None:
        time.sleep(0.1)

    smtp_server.during_data = slow_smtp
    database_url, query = _database_url(tmp_path)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_USE_TLS": "false",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        "DEMO_MODE": "false",
    }
    bin_dir = Path(sys.executable).parent
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in ("web", "worker1", "worker2")}
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    processes = {
        "web": subprocess.Popen(  # noqa: S603 — fixed arguments
            # Django's own WSGI app: these pages need no navigator warm-up (tsunagari.wsgi).
            [str(bin_dir / "gunicorn"), "django.core.wsgi:get_wsgi_application()"]
            + ["--workers", "3", "--preload", "--bind", f"127.0.0.1:{port}"]
            + ["--log-level", "warning"],
            env=env,
            stdout=logs["web"],
            stderr=subprocess.STDOUT,
            cwd=settings.BASE_DIR,
        ),
        **{
            name: subprocess.Popen(  # noqa: S603 — fixed arguments
                [sys.executable, manage, "run_worker", "--interval", "0.2", "-v", "0"],
                env=env,
                stdout=logs[name],
                stderr=subprocess.STDOUT,
                cwd=settings.BASE_DIR,
            )
            for name in ("worker1", "worker2")
        },
    }
    started = time.monotonic()
    try:
        base = f"http://127.0.0.1:{port}"
        while True:  # the server is up when the sign-in page answers
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=5).close()  # noqa: S310
                break
            except OSError:
                if time.monotonic() - started > 90:  # a busy machine starts slowly
                    logs["web"].seek(0)
                    pytest.fail("gunicorn did not start:\n" + logs["web"].read()[-2000:])
                time.sleep(0.2)

        people = [Person(base, name) for name in names]
        threads = [threading.Thread(target=person.visit) for person in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        expected = PEOPLE * MAILS_EACH
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if query("SELECT COUNT(*) FROM outbox_message WHERE status = 'sent'")[0][0] >= expected:
                break
            time.sleep(0.2)
        time.sleep(0.5)  # a double send, if any, would arrive now
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    output = {}
    for name, log in logs.items():
        log.seek(0)
        output[name] = log.read()
        log.close()
    everything = "\n".join(output.values())
    statuses = [status for person in people for status in person.statuses]

    assert "database is locked" not in everything, everything[-3000:]
    assert [s for s in statuses if s >= 500] == [], everything[-3000:]
    assert len(statuses) == PEOPLE * (4 + MAILS_EACH)
    assert statuses.count(302) == PEOPLE * (2 + MAILS_EACH)  # signed in, mails asked, signed out
    assert query("SELECT status, COUNT(*) FROM outbox_message GROUP BY status") == [
        ("sent", expected)
    ]
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == expected and len(set(ids)) == expected  # every mail once, none twice
    assert {m["To"] for m in smtp_server.messages} == {f"{n}@example.org" for n in names}
    assert not re.search(r"Traceback", everything), everything[-3000:]
