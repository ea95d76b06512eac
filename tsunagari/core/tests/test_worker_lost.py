"""A task left RUNNING by a worker that died goes back to the queue, once its worker has not
been seen for TASK_WORKER_STALE_SECONDS; a live worker's long task is left alone; a task that
keeps losing its workers is failed instead. (The kill -9 drill with real processes is in
tsunagari/ops/tests/test_drill_task_worker.py.)"""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tsunagari.core.models import WorkerHeartbeat
from tsunagari.core.tasks import Heartbeat, Worker, requeue_abandoned
from tsunagari.outbox.tasks import sweep_outbox

pytestmark = pytest.mark.django_db


def running_task(worker_ids: list[str], *, started_ago: timedelta) -> DBTaskResult:
    """A real queued task, taken by the given (past) workers, the last one still holding it."""
    result = DBTaskResult.objects.get(pk=sweep_outbox.enqueue().id)
    for worker_id in worker_ids:
        result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - started_ago)
    result.refresh_from_db()
    assert result.status == "RUNNING"
    return result


def seen(worker_id: str, ago: timedelta) -> None:
    WorkerHeartbeat.objects.create(worker_id=worker_id, seen_at=timezone.now() - ago)


def status(result: DBTaskResult) -> str:
    result.refresh_from_db()
    return str(result.status)


def test_a_task_whose_worker_stopped_beating_runs_again_and_succeeds(settings: Any) -> None:
    settings.TASK_WORKER_STALE_SECONDS = 120
    result = running_task(["dead"], started_ago=timedelta(minutes=30))
    seen("dead", timedelta(minutes=5))

    assert requeue_abandoned() == (1, 0)
    assert status(result) == "READY"
    worker = Worker(interval=0, worker_id="new", sleep=lambda _: None)
    assert worker.run_round()
    assert status(result) == "SUCCESSFUL"
    assert result.worker_ids == ["dead", "new"]
    assert requeue_abandoned() == (0, 0)  # nothing left to put back


def test_a_long_task_of_a_live_worker_is_left_running(settings: Any) -> None:
    settings.TASK_WORKER_STALE_SECONDS = 120
    result = running_task(["busy"], started_ago=timedelta(hours=2))
    seen("busy", timedelta(seconds=10))
    assert requeue_abandoned() == (0, 0)
    assert status(result) == "RUNNING"


def test_a_task_taken_by_a_worker_that_never_beat_is_put_back_after_the_stale_time(
    settings: Any,
) -> None:
    settings.TASK_WORKER_STALE_SECONDS = 120
    fresh = running_task(["old-style"], started_ago=timedelta(seconds=30))
    stale = running_task(["old-style"], started_ago=timedelta(minutes=10))
    assert requeue_abandoned() == (1, 0)
    assert (status(fresh), status(stale)) == ("RUNNING", "READY")


def test_a_task_that_lost_its_worker_three_times_is_failed_not_run_again(settings: Any) -> None:
    settings.TASK_WORKER_STALE_SECONDS = 120
    settings.TASK_MAX_WORKER_LOSSES = 3
    result = running_task(["w1", "w2", "w3"], started_ago=timedelta(minutes=30))
    assert requeue_abandoned() == (0, 1)
    assert status(result) == "FAILED"
    assert result.exception_class_path == "tsunagari.core.tasks.WorkerLost"


def test_the_heartbeat_says_which_worker_is_alive_and_leaves_on_a_clean_stop() -> None:
    heartbeat = Heartbeat("w-live", every=0.05)
    heartbeat.beat()
    first = WorkerHeartbeat.objects.get(worker_id="w-live").seen_at
    heartbeat.beat()
    assert WorkerHeartbeat.objects.get(worker_id="w-live").seen_at >= first
    heartbeat.stop()  # never started: stopping still removes the row
    assert not WorkerHeartbeat.objects.filter(worker_id="w-live").exists()
