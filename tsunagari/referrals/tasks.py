"""The referral deadline rounds on the task engine (tsunagari/core/tasks.py).

Every 15 minutes the worker reminds receivers before the acknowledgement deadline and
tells platform staff about referrals past it. Both rounds claim each referral before
writing its mail, so a second run — or a second worker — does nothing more.
"""

from datetime import timedelta

from django_tasks import task

from tsunagari.core.tasks import periodic
from tsunagari.referrals.services import referrals_run_deadlines


@periodic(every=timedelta(minutes=15))
@task()
def referral_deadlines() -> dict[str, int]:
    result = referrals_run_deadlines()
    return {"reminded": result.reminded, "escalated": result.escalated}
