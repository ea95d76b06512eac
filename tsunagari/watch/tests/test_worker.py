"""The task worker runs the escalation by itself: nobody has to remember a command."""

from datetime import timedelta

import time_machine

from tsunagari.core.tasks import PERIODIC, Worker, load_task_modules
from tsunagari.outbox.models import Message
from tsunagari.watch.models import Report
from tsunagari.watch.tests.conftest import *  # noqa: F403
from tsunagari.watch.tests.conftest import WEDNESDAY_10, report


def test_the_worker_escalates_an_overdue_report_once_without_a_command(
    shop, tsunagari_centre, sakai_kikan, kato, sara
):
    load_task_modules()
    assert "tsunagari.watch.tasks.watch_escalate" in PERIODIC
    assert "tsunagari.referrals.tasks.referral_deadlines" in PERIODIC
    made = report(shop)  # Wednesday 10:00, due 12:00
    Message.objects.all().delete()
    worker = Worker(interval=0, sleep=lambda _: None)

    with time_machine.travel(WEDNESDAY_10 + timedelta(hours=1), tick=False):
        worker.run_round()
    assert Report.objects.get(pk=made.pk).escalated_at is None

    with time_machine.travel(WEDNESDAY_10 + timedelta(hours=2, minutes=10), tick=False):
        worker.run_round()
    assert Report.objects.get(pk=made.pk).escalated_at is not None
    escalations = [m.to for m in Message.objects.all() if "期限切れ" in m.subject]
    assert sorted(escalations) == [
        "kato@example.org",
        "sakai-kikan@example.org",
        "sara@example.org",
    ]

    with time_machine.travel(WEDNESDAY_10 + timedelta(hours=3), tick=False):
        worker.run_round()
    assert len([m for m in Message.objects.all() if "期限切れ" in m.subject]) == 3
