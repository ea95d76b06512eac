"""Background work for 見守り reports: a report not acknowledged in time goes to the
ward's 基幹型 centre and platform staff (`manage.py run_worker` looks every 5 minutes;
`manage.py watch_escalate` does the same by hand). Safe to run twice: each report
escalates once."""

from datetime import timedelta

from django_tasks import task

from tsunagari.core.tasks import periodic
from tsunagari.watch.services import watch_escalate_overdue


@periodic(every=timedelta(minutes=5))
@task()
def watch_escalate() -> int:
    return watch_escalate_overdue()
