"""Background work for referrals: reminders before the acknowledgement deadline and
escalation to platform staff after it (`manage.py run_worker` runs this every 15 minutes;
`manage.py referral_deadlines` does the same by hand). Safe to run twice: each referral
is reminded and escalated once."""

from datetime import timedelta

from django_tasks import task

from tsunagari.core.tasks import periodic
from tsunagari.referrals.services import referrals_run_deadlines


@periodic(every=timedelta(minutes=15))
@task()
def referral_deadlines() -> dict[str, int]:
    done = referrals_run_deadlines()
    return {"reminded": done.reminded, "escalated": done.escalated}
