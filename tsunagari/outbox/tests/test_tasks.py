"""The outbox on the task engine, against a real SMTP server (aiosmtpd) and the real queue."""

import time
from contextlib import contextmanager, suppress
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tsunagari.core.tasks import Worker
from tsunagari.core.transitions import InvalidTransition
from tsunagari.outbox.models import Message, MessageStatus
from tsunagari.outbox.sending import Outcome, deliver
from tsunagari.outbox.tasks import send_message, sweep_outbox

pytestmark = pytest.mark.django_db
# Tests that break a table or read from another thread commit for real (slower: the tables
# are emptied afterwards).
committing = pytest.mark.django_db(transaction=True)


def worker_rounds(rounds: int = 1) -> Worker:
    worker = Worker(interval=0, sleep=lambda _: None)
    for _ in range(rounds):
        assert worker.run_round()
    return worker


def send_tasks() -> Any:
    return DBTaskResult.objects.filter(task_path=send_message.module_path)


def test_the_worker_sends_a_mail_once_the_action_that_wrote_it_commits(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = Message.queue(to="hanako@example.org", subject="ご招待", body="参加できます")
        assert not send_tasks().exists()  # nothing is enqueued before the commit
    assert send_tasks().filter(status="READY").count() == 1

    worker_rounds()

    [received] = smtp_server.messages
    assert received["To"] == "hanako@example.org"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert message.sent_at is not None


def test_an_action_that_is_rolled_back_mails_nobody(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with suppress(RuntimeError), transaction.atomic():
            Message.queue(to="a@example.org", subject="取り消された", body="本文")
            raise RuntimeError("the action failed")
    assert callbacks == []
    assert not send_tasks().exists()
    worker_rounds()
    assert smtp_server.messages == []
    assert not Message.objects.exists()


def test_the_mail_goes_out_once_even_when_its_task_runs_twice(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = Message.queue(to="taro@example.org", subject="一度だけ", body="本文")
    send_message.enqueue(message.pk)  # a second task for the same mail (a sweep, a retry)

    worker_rounds()

    assert len(smtp_server.messages) == 1
    assert sorted(send_tasks().values_list("return_value", flat=True)) == ["sent", "skipped"]
    # Run by hand and by the command afterwards: still one mail.
    assert send_message.call(message.pk) == "skipped"
    call_command("send_outbox")
    assert len(smtp_server.messages) == 1


def test_a_message_is_taken_by_one_sender_only_and_only_that_sender_records_it():
    message = Message.queue(to="a@example.org", subject="件名", body="本文")
    first = Message.claim(message.pk)
    assert first is not None
    assert Message.claim(message.pk) is None  # a second sender finds it taken

    # The first sender is presumed dead; it may not record a result any more.
    Message.give_up_stale_claims(now=timezone.now() + timedelta(minutes=11))
    with pytest.raises(InvalidTransition):
        first.mark_sent()
    message.refresh_from_db()
    assert message.status == MessageStatus.UNKNOWN
    assert Message.claim(message.pk) is None  # never sent again by itself

    message.retry()  # staff checked and send it again
    assert Message.claim(message.pk) is not None


def test_with_the_smtp_server_down_the_mail_waits_and_goes_out_later_once(
    smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        message = Message.queue(to="jiro@example.org", subject="会議のお知らせ", body="第1回")

    worker_rounds()

    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert "Connection refused" in message.last_error or "Errno" in message.last_error
    assert message.next_attempt_at > timezone.now()
    retry = send_tasks().get(status="READY")  # the task enqueued itself for the next attempt
    assert retry.run_after == message.next_attempt_at

    worker_rounds()  # not due yet: nothing is tried before the backoff has passed
    message.refresh_from_db()
    assert message.attempts == 1

    smtp_server.up()
    # A minute later: the due times are moved back instead of waiting.
    earlier = timezone.now() - timedelta(seconds=1)
    Message.objects.filter(pk=message.pk).update(next_attempt_at=earlier)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=earlier)
    worker_rounds(2)

    assert [m["Subject"] for m in smtp_server.messages] == ["会議のお知らせ"]
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 2
    assert message.last_error == ""


def test_the_sweep_sends_a_mail_whose_task_was_lost(smtp_server):
    # No commit hook fires here: as if the process had died right after the commit.
    message = Message.queue(to="a@example.org", subject="拾われたメール", body="本文")
    assert not send_tasks().exists()
    Message.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=3)
    )

    worker_rounds()  # the beat enqueues the sweep, the sweep enqueues the send

    assert [m["Subject"] for m in smtp_server.messages] == ["拾われたメール"]
    assert sweep_outbox.call() == 0


@contextmanager
def table_renamed(model: Any, new_name: str) -> Any:
    """A real database error for everyone who uses this table, until the block ends."""
    old_name = model._meta.db_table
    with connection.schema_editor() as editor:
        editor.alter_db_table(model, old_name, new_name)
    try:
        yield lambda: None
    finally:
        with connection.schema_editor() as editor:
            editor.alter_db_table(model, new_name, old_name)


@committing
def test_a_database_error_in_one_round_does_not_stop_the_worker(smtp_server):
    message = Message.queue(to="a@example.org", subject="あとで届く", body="本文")  # autocommit
    worker = Worker(interval=0, sleep=lambda _: None)

    with table_renamed(DBTaskResult, "tasks_out_of_reach"):
        assert worker.run_round() is False
        assert worker.run_round() is False
    assert worker.running
    assert worker.errors == 2

    assert worker.run_round() is True
    assert [m["Subject"] for m in smtp_server.messages] == ["あとで届く"]
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


@committing
def test_the_worker_loop_waits_longer_after_each_failed_round_and_carries_on(smtp_server):
    Message.queue(to="a@example.org", subject="ループの先で届く", body="本文")
    pauses: list[float] = []
    old_name = DBTaskResult._meta.db_table
    with connection.schema_editor() as editor:
        editor.alter_db_table(DBTaskResult, old_name, "tasks_out_of_reach")

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:  # the database is back after two failed rounds
            with connection.schema_editor() as editor:
                editor.alter_db_table(DBTaskResult, "tasks_out_of_reach", old_name)

    try:
        worker = Worker(interval=0.01, sleep=sleep)
        worker.run(rounds=4)
    finally:
        if len(pauses) < 2:
            with connection.schema_editor() as editor:
                editor.alter_db_table(DBTaskResult, "tasks_out_of_reach", old_name)

    assert worker.errors == 2
    assert pauses[:2] == [2.0, 4.0]
    assert [m["Subject"] for m in smtp_server.messages] == ["ループの先で届く"]


@committing
def test_a_database_error_inside_a_send_fails_that_task_only_and_the_mail_goes_later(smtp_server):
    message = Message.queue(to="a@example.org", subject="表が読めない間", body="本文")
    worker = Worker(interval=0, sleep=lambda _: None)
    with table_renamed(Message, "outbox_out_of_reach"):
        assert worker.run_round() is True  # the task failed and was recorded; the round went on
    assert send_tasks().get().status == "FAILED"
    assert smtp_server.messages == []

    Message.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=3)
    )
    worker.beat.last.clear()  # the sweep's next minute
    assert worker.run_round() is True
    assert [m["Subject"] for m in smtp_server.messages] == ["表が読めない間"]


@committing
def test_no_transaction_is_open_while_the_smtp_server_answers(smtp_server):
    seen: dict[str, Any] = {}

    def probe() -> None:
        # Another connection, in the SMTP server's thread, while the sender waits for it.
        try:
            seen["status"] = Message.objects.get(subject="本件").status
            started = time.monotonic()
            with transaction.atomic():
                Message.objects.create(to="probe@example.org", subject="同時の書き込み", body="")
            seen["write_seconds"] = time.monotonic() - started
        finally:
            connections.close_all()

    smtp_server.during_data = probe
    message = Message.queue(to="a@example.org", subject="本件", body="本文")

    assert deliver(message.pk) is Outcome.SENT

    assert seen["status"] == MessageStatus.SENDING  # the claim was committed before SMTP began
    assert seen["write_seconds"] < 1  # and nobody held the write lock during it
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
