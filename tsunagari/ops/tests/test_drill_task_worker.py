"""Drill: the task worker killed with SIGKILL in the middle of a task.

Real processes on a real database (a SQLite file copied from the test database, or the
PostgreSQL test database): many 見守り reports are past their deadline; a ``run_worker``
process takes the escalation sweep (``watch.tasks.watch_escalate``, one transaction per
report) and is killed with SIGKILL part-way through. Its task is left RUNNING. A second
worker starts; once the first has not been seen for TASK_WORKER_STALE_SECONDS it puts the
task back and runs it. Afterwards every report has escalated exactly once (one history line,
one mail each) and the task has succeeded — what the first worker committed stays, nothing
is done twice. Prints what was lost (``make drill`` runs it with -s).
"""

import json
import os
import signal
import subprocess  # noqa: S404 — the drill starts real worker processes
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from tsunagari.outbox.tests.test_concurrency import _database_url
from tsunagari.watch import services
from tsunagari.watch.tasks import watch_escalate
from tsunagari.watch.tests.conftest import *  # noqa: F403 — the shop, the centres
from tsunagari.watch.tests.conftest import WEDNESDAY_10, _demo_areas  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

REPORTS = 300
STALE_SECONDS = 3


def _worker(env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    return subprocess.Popen(  # noqa: S603 — fixed arguments
        [sys.executable, manage, "run_worker", "--interval", "0.2", "-v", "0"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=settings.BASE_DIR,
    )


def _wait(what: str, condition: Any, seconds: float, logs: list[Path]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    tails = "\n".join(p.read_text()[-1500:] for p in logs if p.exists())
    pytest.fail(f"{what} did not happen in {seconds} s\n{tails}")


def test_drill_a_worker_killed_mid_task_the_task_runs_again_once_in_effect(
    tmp_path: Path, shop: Any, tsunagari_centre: Any, sara: Any
) -> None:
    for _ in range(REPORTS):
        services.report_submit(
            business=shop,
            idempotency_key=uuid.uuid4(),
            kind="mail_piling",
            place="つながり町3丁目（訓練）",
            details="（訓練）",
            noticed_on=date(2026, 12, 2),
            immediate_danger=False,
            ward="sakai",
            now=WEDNESDAY_10,  # due 12:00 that day: long past
        )
    DBTaskResult.objects.all().delete()  # the report mails' own sends are not this drill
    database_url, query = _database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "DEMO_MODE": "false",
        "WATCH_AREAS_FILE": str(settings.WATCH_AREAS_FILE),
        "TASK_WORKER_HEARTBEAT_SECONDS": "1",
        "TASK_WORKER_STALE_SECONDS": str(STALE_SECONDS),
    }
    path = watch_escalate.module_path

    def escalated() -> int:
        return int(query("SELECT COUNT(*) FROM watch_report WHERE escalated_at IS NOT NULL")[0][0])

    def sweep() -> list[tuple[Any, ...]]:
        table = "django_tasks_database_dbtaskresult"
        where = f"task_path = '{path}'"  # a fixed module path, not input
        return query(f"SELECT status, worker_ids FROM {table} WHERE {where}")  # noqa: S608

    logs = [tmp_path / "worker1.log", tmp_path / "worker2.log"]
    first = _worker(env, logs[0].open("w"))
    second = None
    try:
        _wait("the first escalation", lambda: escalated() > 0, 120, logs)
        first.send_signal(signal.SIGKILL)  # in the middle of the sweep
        first.wait(timeout=10)
        at_kill = escalated()
        [(left_status, _ids)] = sweep()
        assert 0 < at_kill < REPORTS, at_kill  # killed part-way, not before or after
        assert left_status == "RUNNING"  # what django-tasks-db alone leaves for good

        started = time.monotonic()
        second = _worker(env, logs[1].open("w"))
        _wait("the sweep to run again", lambda: sweep()[0][0] == "SUCCESSFUL", 120, logs)
        recovered_in = time.monotonic() - started
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()

    [(final_status, worker_ids)] = sweep()
    ids = worker_ids if isinstance(worker_ids, list) else json.loads(worker_ids)
    per_report = query(
        "SELECT r.id, COUNT(a.id) FROM watch_report r LEFT JOIN watch_reportaction a "
        "ON a.report_id = r.id AND a.kind = 'escalated' GROUP BY r.id"
    )
    mails = query("SELECT COUNT(*) FROM outbox_message WHERE subject LIKE '%期限切れ%'")[0][0]
    twice = [pk for pk, count in per_report if count != 1]
    print(
        f"\nDRILL task worker killed mid-task ({connection_vendor(database_url)}): "
        f"{REPORTS} overdue reports, worker killed after {at_kill} escalations; "
        f"a new worker took the task over in {recovered_in:.1f} s (stale after {STALE_SECONDS} s); "
        f"escalated {escalated()}, reports escalated other than once: {len(twice)}, "
        f"escalation mails: {mails}. Lost: {REPORTS - escalated()}; done twice: {len(twice)}."
    )
    assert final_status == "SUCCESSFUL" and len(ids) == 2 and ids[0] != ids[1]
    assert escalated() == REPORTS and not twice
    assert mails == REPORTS  # one to the secretariat (sara) per report


def connection_vendor(url: str) -> str:
    return "SQLite" if url.startswith("sqlite") else "PostgreSQL"
