"""The task engine every app uses: Django's Tasks API (django-tasks backport).

Define a task in your app's ``tasks.py`` (module level, JSON arguments only)::

    from django_tasks import task
    from tsunagari.core.tasks import enqueue_on_commit, periodic

    @task()
    def remind_receiver(referral_id: str) -> str:
        ...  # idempotent: look the row up, do nothing if it is already done

    enqueue_on_commit(remind_receiver, str(referral.pk))                # after the commit
    remind_receiver.using(run_after=deadline).enqueue(str(referral.pk))  # at a given time

    @periodic(every=timedelta(minutes=5))
    @task()
    def escalate_overdue() -> int: ...   # `manage.py run_worker` enqueues it every 5 minutes

A task may run twice (a worker killed mid-task, a periodic sweep beside an
enqueue): make every task safe to repeat, with a status transition taken under
a write lock, as ``tsunagari.outbox`` does. See docs/decisions/0020.

A worker killed mid-task leaves its task RUNNING: each worker writes a heartbeat
(:class:`Heartbeat`, a thread of its own), and every worker puts back a RUNNING task
whose worker has not been seen for ``TASK_WORKER_STALE_SECONDS``
(:func:`requeue_abandoned`, at start-up and then every minute), so that it runs
again — once in effect, because the task is safe to repeat (docs/decisions/0041).
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks import default_task_backend
from django_tasks.base import Task

logger = logging.getLogger(__name__)

__all__ = [
    "enqueue_on_commit",
    "periodic",
    "PERIODIC",
    "Beat",
    "Heartbeat",
    "Worker",
    "requeue_abandoned",
]

# task module path → (task, interval); filled by @periodic when the apps' tasks modules load.
PERIODIC: dict[str, tuple[Task[Any, Any], timedelta]] = {}


def _enqueue(task: Task[Any, Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        task.enqueue(*args, **kwargs)
    except Exception:  # the action has committed; a periodic sweep picks up what is left
        logger.exception("tasks: could not enqueue %s", task.module_path)


def enqueue_on_commit(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task(*args, **kwargs)`` once the current transaction commits (now if none).

    A failure to enqueue is logged, never raised into the request that already committed:
    work that must happen needs a periodic sweep as its safety net.
    """
    transaction.on_commit(partial(_enqueue, task, args, kwargs), robust=True)


def periodic(every: timedelta) -> Callable[[Task[Any, Any]], Task[Any, Any]]:
    """Register a task (no arguments) that the worker enqueues once per ``every``."""

    def register(task: Task[Any, Any]) -> Task[Any, Any]:
        PERIODIC[task.module_path] = (task, every)
        return task

    return register


def load_task_modules() -> None:
    """Import every installed app's ``tasks`` module, so that @periodic registrations exist."""
    autodiscover_modules("tasks")


def _unfinished_in_database(task: Task[Any, Any], now: datetime) -> bool:
    """With the database backend: is this task already waiting, or running (not abandoned)?"""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    same = DBTaskResult.objects.filter(task_path=task.module_path)
    return (
        same.filter(status="READY").exists()
        or same.filter(status="RUNNING", started_at__gte=now - timedelta(minutes=15)).exists()
    )


@dataclass
class Beat:
    """Enqueues the periodic tasks when they are due; each worker process keeps its own clock."""

    last: dict[str, datetime] = field(default_factory=dict)

    def tick(self, now: datetime | None = None) -> list[str]:
        now = now or timezone.now()
        enqueued = []
        for path, (task, every) in sorted(PERIODIC.items()):
            if path in self.last and now - self.last[path] < every:
                continue
            self.last[path] = now
            if _unfinished_in_database(task, now):
                continue
            task.enqueue()
            enqueued.append(path)
        return enqueued


class WorkerLost(Exception):
    """Recorded as a task's failure when its worker died too often while running it."""


class Heartbeat:
    """Writes ``WorkerHeartbeat.seen_at`` for one worker every ``every`` seconds, from a
    daemon thread with its own database connection, so a long task does not look abandoned.
    A database error skips one beat; the thread dies with the process (kill -9 included)."""

    def __init__(self, worker_id: str, *, every: float) -> None:
        self.worker_id = worker_id
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="task-heartbeat", daemon=True)

    def beat(self) -> None:
        from tsunagari.core.models import WorkerHeartbeat

        now = timezone.now()
        updated = WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(seen_at=now)
        if not updated:
            WorkerHeartbeat.objects.create(
                worker_id=self.worker_id,
                host=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=now,
                seen_at=now,
            )

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self.beat()
                except DatabaseError:
                    logger.warning("tasks: heartbeat of %s not written", self.worker_id)
                    connections.close_all()
                self._stop.wait(self.every)
        finally:
            connections.close_all()  # this thread's own connections

    def start(self) -> None:
        self.beat()  # seen before it takes its first task
        self._thread.start()

    def stop(self) -> None:
        from tsunagari.core.models import WorkerHeartbeat

        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.every + 5)
        try:  # a clean stop: nothing of this worker is running any more
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("tasks: heartbeat of %s not removed", self.worker_id)


def requeue_abandoned(now: datetime | None = None) -> tuple[int, int]:
    """Put back every RUNNING task whose worker has not been seen for the stale time.

    A task's worker is the last id in its ``worker_ids``. It counts as gone when its
    heartbeat is older than ``TASK_WORKER_STALE_SECONDS``, or when it has none and the task
    started longer ago than that (a worker that never wrote one). A task whose workers
    were lost ``TASK_MAX_WORKER_LOSSES`` times is marked failed instead: it may be what
    kills them. Each row changes only if it is still RUNNING as it was read, so two
    workers reaping at once change it once. Returns (requeued, failed)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from tsunagari.core.models import WorkerHeartbeat

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()  # long gone
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
            "pk", "worker_ids", "started_at", "task_path"
        )
    )
    if not running:
        return 0, 0
    seen = dict(
        WorkerHeartbeat.objects.filter(
            worker_id__in={ids[-1] for _pk, ids, _at, _path in running if ids}
        ).values_list("worker_id", "seen_at")
    )
    requeued = failed = 0
    for pk, worker_ids, started_at, path in running:
        worker = worker_ids[-1] if worker_ids else ""
        last_seen = seen.get(worker)
        alive = last_seen >= cutoff if last_seen else (started_at or now) >= cutoff
        if alive:
            continue
        still = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if len(worker_ids) >= settings.TASK_MAX_WORKER_LOSSES:
            changed = still.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"worker lost {len(worker_ids)} times while running this task",
            )
            failed += changed
            if changed:
                logger.error(
                    "tasks: %s %s failed: its worker was lost %s times", path, pk, len(worker_ids)
                )
        else:
            changed = still.update(status=TaskResultStatus.READY)
            requeued += changed
            if changed:
                logger.warning(
                    "tasks: %s %s was left running by lost worker %s; queued again",
                    path,
                    pk,
                    worker,
                )
    return requeued, failed


class Worker:
    """Runs the database queue in rounds, with the beat, and outlives database errors.

    One round: put back tasks of lost workers (at most once a minute), enqueue due periodic
    tasks, then run every ready task. A database error
    (the server restarting, a locked SQLite file, a broken connection) ends the round,
    is logged, the connections are closed and the next round starts after a pause that
    grows to ``max_pause`` seconds; the worker itself never stops because of it.
    """

    def __init__(
        self,
        *,
        interval: float = 1.0,
        max_pause: float = 30.0,
        run_tasks: bool = True,
        worker_id: str = "",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        from django.utils.crypto import get_random_string
        from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

        self.interval = interval
        self.max_pause = max_pause
        self.run_tasks = run_tasks
        self.sleep = sleep
        self.beat = Beat()
        self.errors = 0
        self.rounds = 0
        self.last_reaped = float("-inf")
        self.reap_every = min(60.0, settings.TASK_WORKER_STALE_SECONDS / 2)
        self.database_worker = DatabaseWorker(
            queue_names=["*"],
            interval=interval,
            batch=True,
            backend_name=default_task_backend.alias,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )

    @property
    def running(self) -> bool:
        return bool(self.database_worker.running)

    def stop(self) -> None:
        self.database_worker.running = False

    def _close_old_connections(self) -> None:
        # Like a request's end: drop broken or expired connections (never a test's transaction).
        if not any(c.in_atomic_block for c in connections.all(initialized_only=True)):
            close_old_connections()

    def _take_next(self) -> Any:
        """Take the next ready task (RUNNING, with this worker's id) in a short exclusive transaction."""
        from django_tasks_db.models import DBTaskResult
        from django_tasks_db.utils import exclusive_transaction

        ready = DBTaskResult.objects.ready().filter(backend_name=self.database_worker.backend_name)
        with exclusive_transaction(ready.db):
            result = ready.get_locked()
            if result is not None:
                result.claim(self.database_worker.worker_id)
        return result

    def run_ready_tasks(self) -> int:
        """Run every ready task, one after another; returns how many ran."""
        ran = 0
        while self.running:
            result = self._take_next()
            if result is None:
                break
            # Runs the task and records success or failure (the task's own errors never
            # escape, a database error in one task is that task's failure).
            self.database_worker.run_task(result)
            ran += 1
            self._close_old_connections()
        return ran

    def run_round(self) -> bool:
        """One round; False when a database error ended it early."""
        self.rounds += 1
        try:
            self._close_old_connections()
            if self.run_tasks and time.monotonic() - self.last_reaped >= self.reap_every:
                requeue_abandoned()
                self.last_reaped = time.monotonic()
            self.beat.tick()
            if self.run_tasks:
                self.run_ready_tasks()
        except DatabaseError:
            self.errors += 1
            logger.exception("tasks: database error in round %s; trying again", self.rounds)
            for conn in connections.all(initialized_only=True):
                try:
                    if not conn.in_atomic_block:
                        conn.close()
                except DatabaseError:
                    pass
            return False
        return True

    def run_with_heartbeat(self, *, rounds: int = 0) -> None:
        """:meth:`run`, telling the others this worker is alive meanwhile (``run_worker``)."""
        heartbeat = Heartbeat(
            self.database_worker.worker_id, every=settings.TASK_WORKER_HEARTBEAT_SECONDS
        )
        heartbeat.start()
        try:
            self.run(rounds=rounds)
        finally:
            heartbeat.stop()

    def run(self, *, rounds: int = 0) -> None:
        """Rounds until stopped (or ``rounds`` of them); pauses longer after each failed round."""
        failed_in_a_row = 0
        while self.running:
            ok = self.run_round()
            failed_in_a_row = 0 if ok else failed_in_a_row + 1
            if rounds and self.rounds >= rounds:
                return
            if not self.running:
                return
            pause = self.interval if ok else min(self.max_pause, 2.0**failed_in_a_row)
            self.sleep(pause)
