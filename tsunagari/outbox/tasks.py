"""The outbox's background tasks (Django's Tasks API; see tsunagari/core/tasks.py).

``send_message`` is enqueued when the transaction that wrote a mail commits. After a
failed try it enqueues itself again for the time of the next attempt. ``sweep_outbox``
runs every minute as the safety net: it sends on whatever is due but was never
enqueued or whose task was lost, and gives up on claims of workers that died.
Running either twice is harmless: a message is taken under a write lock first.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from tsunagari.core.tasks import periodic
from tsunagari.outbox.models import Message, MessageStatus
from tsunagari.outbox.sending import Outcome, deliver

# A due message this much overdue has apparently lost its own task; the sweep enqueues it.
SWEEP_GRACE = timedelta(minutes=2)


@task()
def send_message(message_id: int) -> str:
    outcome = deliver(message_id)
    if outcome is Outcome.FAILED:
        message = Message.objects.filter(pk=message_id, status=MessageStatus.QUEUED).first()
        if message is not None:
            send_message.using(run_after=message.next_attempt_at).enqueue(message_id)
    return outcome.value


@periodic(every=timedelta(minutes=1))
@task()
def sweep_outbox() -> int:
    Message.give_up_stale_claims()
    overdue = Message.objects.filter(
        status=MessageStatus.QUEUED, next_attempt_at__lte=timezone.now() - SWEEP_GRACE
    ).values_list("pk", flat=True)[:500]
    count = 0
    for pk in overdue:
        send_message.enqueue(pk)
        count += 1
    return count
