from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tsunagari.outbox.models import Message, MessageStatus
from tsunagari.outbox.sending import MAX_ATTEMPTS, backoff, send_due

pytestmark = pytest.mark.django_db


def test_it_delivers_queued_mail_over_smtp_and_marks_it_sent(smtp_server):
    Message.queue(
        to="hanako@example.org",
        subject="ご招待",
        body="こちらから参加できます。",
        reply_to="jimukyoku@example.org",
    )

    call_command("send_outbox")

    [received] = smtp_server.messages
    assert received["To"] == "hanako@example.org"
    assert received["Subject"] == "ご招待"
    assert received["Reply-To"] == "jimukyoku@example.org"
    assert "こちらから参加できます。" in smtp_server.bodies()[0]
    message = Message.objects.get()
    assert message.sent_at is not None
    assert message.attempts == 1


def test_it_does_not_send_a_message_twice(smtp_server):
    Message.queue(to="a@example.org", subject="一度だけ", body="本文")
    send_due()
    send_due()
    assert len(smtp_server.messages) == 1


def test_it_keeps_a_failed_message_and_sends_it_once_the_server_is_back(smtp_server):
    Message.queue(to="taro@example.org", subject="会議のお知らせ", body="第1回分科会")
    smtp_server.refuse = True

    result = send_due()

    assert (result.sent, result.failed) == (0, 1)
    message = Message.objects.get()
    assert message.sent_at is None
    assert message.attempts == 1
    assert "451" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert smtp_server.messages == []

    # Not due yet: nothing is tried again before the backoff has passed.
    assert send_due().failed == 0

    smtp_server.refuse = False
    Message.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    assert send_due().sent == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 2
    assert message.last_error == ""
    assert smtp_server.bodies() == ["第1回分科会\n"] or "第1回分科会" in smtp_server.bodies()[0]


def test_it_records_an_unreachable_server_as_a_failure(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens in the test machine
    settings.EMAIL_TIMEOUT = 2
    Message.queue(to="a@example.org", subject="件名", body="本文")

    call_command("send_outbox")

    message = Message.objects.get()
    assert message.sent_at is None
    assert message.attempts == 1
    assert message.last_error


def test_it_waits_longer_after_each_failure_up_to_a_day():
    assert backoff(1) == timedelta(minutes=1)
    assert backoff(3) == timedelta(minutes=4)
    assert backoff(30) == timedelta(days=1)


def test_it_stops_trying_after_the_last_attempt(smtp_server):
    message = Message.queue(to="a@example.org", subject="件名", body="本文")
    smtp_server.refuse = True
    for _ in range(MAX_ATTEMPTS):
        Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        assert send_due().failed == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == MAX_ATTEMPTS

    smtp_server.refuse = False
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert send_due().sent == 0
    assert smtp_server.messages == []

    # Staff send it again from the admin: it goes out once.
    message.retry()
    assert send_due().sent == 1
    assert len(smtp_server.messages) == 1


def test_it_shows_unsent_mail_to_staff_only(client, sara, plain_user):
    from tsunagari.partners.tests.conftest import signed_in

    Message.objects.create(
        to="x@example.org",
        subject="届かないメール",
        body="本文",
        attempts=2,
        last_error="SMTPRecipientsRefused",
    )
    signed_in(client, plain_user)
    assert client.get("/partners/staff/outbox/").status_code == 403
    signed_in(client, sara)
    response = client.get("/partners/staff/outbox/")
    assert response.status_code == 200
    assert "届かないメール" in response.content.decode()
    assert "SMTPRecipientsRefused" in response.content.decode()


def test_it_sends_in_a_loop_for_the_given_number_of_rounds(smtp_server):
    Message.queue(to="a@example.org", subject="一通目", body="本文")
    call_command("send_outbox", "--loop", "--interval", "1", "--iterations", "2")
    assert [m["Subject"] for m in smtp_server.messages] == ["一通目"]
    assert Message.objects.filter(sent_at__isnull=True).count() == 0


def test_staff_see_a_mail_whose_sending_stopped_half_way_and_can_send_it_again(
    client, sara, smtp_server
):
    from tsunagari.partners.tests.conftest import signed_in

    message = Message.queue(to="x@example.org", subject="途中で止まったメール", body="本文")
    assert Message.claim(message.pk) is not None  # a worker took it and then died
    Message.give_up_stale_claims(now=timezone.now() + timedelta(minutes=11))
    assert send_due().sent == 0  # never sent again by itself

    signed_in(client, sara)
    page = client.get("/partners/staff/outbox/").content.decode()
    assert "途中で止まったメール" in page
    assert "送れたか分からない" in page

    message.refresh_from_db()
    message.retry()
    assert send_due().sent == 1
    assert [m["Subject"] for m in smtp_server.messages] == ["途中で止まったメール"]
