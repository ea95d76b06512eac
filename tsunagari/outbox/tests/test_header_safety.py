"""A line break in a name never breaks a mail: the outbox makes every header one line."""

import pytest

from tsunagari.outbox.models import Message
from tsunagari.outbox.sending import send_due

pytestmark = pytest.mark.django_db


def test_it_queues_a_subject_with_line_breaks_as_one_line() -> None:
    message = Message.queue(
        to="hanako@example.org", subject="団体\r\nBcc: evil@example.org", body="本文"
    )
    assert message.subject == "団体 Bcc: evil@example.org"


def test_it_sends_an_old_row_whose_subject_has_a_line_break_instead_of_failing_for_good(
    smtp_server: object,
) -> None:
    # A row written before the outbox cleaned subjects (or edited in the admin).
    Message.objects.create(
        to="hanako@example.org", subject="「食堂\nBcc: x@example.org」", body="本文"
    )

    result = send_due()

    assert result.sent == 1 and result.failed == 0
    [received] = smtp_server.messages  # type: ignore[attr-defined]
    assert received["Subject"] == "「食堂 Bcc: x@example.org」"
    assert received["Bcc"] is None
    assert Message.objects.get().sent_at is not None


def test_it_drops_a_reply_to_address_with_a_line_break(smtp_server: object) -> None:
    Message.queue(
        to="a@example.org", subject="件名", body="本文", reply_to="a@example.org\nBcc: b@x"
    )
    send_due()
    [received] = smtp_server.messages  # type: ignore[attr-defined]
    assert received["Reply-To"] is None
    assert received["Bcc"] is None
