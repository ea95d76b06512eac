"""Drills that run in the test suite: the mail server away, the disk full, the database gone.

Each prints what was lost (``make drill`` runs them with -s). The process-level drills —
kill -9 of a gunicorn worker during writes, PostgreSQL restarted under load — are in
bench/drills/ (they start servers).
"""

import base64
import os
import socket
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from tsunagari.ops.faults import fault_response
from tsunagari.outbox.models import Message
from tsunagari.outbox.sending import send_due
from tsunagari.outbox.tests.conftest import SmtpInbox
from tsunagari.partners.tests.conftest import _fast_passwords, alice, org_a, signed_in  # noqa: F401

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.django_db
def test_drill_smtp_down_mail_waits_then_goes_out_once(settings: Any) -> None:
    port = free_port()  # nothing listens here yet: the mail server is down
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    for n in range(5):
        Message.queue(to=f"member{n}@example.org", subject=f"お知らせ {n}", body="本文です。")
    for _ in range(3):  # the sender's rounds while the server is away
        send_due()
        Message.objects.update(next_attempt_at=timezone.now())  # time passes: retry is due
    waiting = Message.objects.filter(sent_at__isnull=True).count()
    assert waiting == 5
    assert all(m.attempts >= 1 and m.last_error for m in Message.objects.all())

    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()  # ten minutes later the server is back
    try:
        Message.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        send_due()
        send_due()  # a second round sends nothing again
    finally:
        controller.stop()
    subjects = sorted(str(m["Subject"]) for m in inbox.messages)
    assert subjects == [f"お知らせ {n}" for n in range(5)]
    assert Message.objects.filter(sent_at__isnull=True).count() == 0
    print(f"\nSMTP down: {waiting} mails waited, each went out once when it came back; lost: none")


@pytest.fixture
def full_disk(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """MEDIA_ROOT on a 64 KiB tmpfs filled to the last byte."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    media = tmp_path / "media"
    media.mkdir()
    mounted = subprocess.run(  # noqa: S603 - fixed arguments
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(media)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        (media / "logos").mkdir()
        with (media / "filler").open("wb", buffering=0) as filler:
            try:
                while filler.write(b"\0" * 4096):
                    pass
            except OSError:
                pass  # the disk is full
        settings.MEDIA_ROOT = media
        yield media
    finally:
        subprocess.run(["umount", str(media)], check=False)  # noqa: S603, S607


@pytest.mark.django_db
def test_drill_disk_full_says_so_and_keeps_nothing_half_written(
    client: Client,
    alice: Any,  # noqa: F811
    org_a: Any,  # noqa: F811
    full_disk: Path,
) -> None:
    signed_in(client, alice)
    before = org_a.member.logo.name
    response = client.post(
        f"/partners/org/{org_a.pk}/",
        {
            "description": "新しい紹介文",
            "needs": ["connection"],
            "wards": ["sakai"],
            "contact_name": "ありす",
            "contact_email": "a@example.org",
            "can_offer": "",
            "looking_for": "",
            "logo": SimpleUploadedFile("logo.png", PNG + b"\0" * 20_000, "image/png"),
        },
    )
    assert response.status_code == 507
    page = response.content.decode()
    assert "保存場所がいっぱい" in page and "保存されていません" in page
    org_a.refresh_from_db()
    org_a.member.refresh_from_db()
    assert org_a.description != "新しい紹介文"  # the whole change rolled back
    assert org_a.member.logo.name == before
    left = sorted(p.name for p in full_disk.rglob("*") if p.is_file())
    assert left == ["filler"]  # no half file, no temporary file
    print("\ndisk full: 507 page in Japanese; database unchanged, no partial file; lost: nothing")


def test_drill_database_gone_answers_503_in_japanese_without_details() -> None:
    response = fault_response(OperationalError("connection to server at 10.0.0.5 refused"))
    assert response is not None
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "一時的にご利用いただけません" in page
    assert "10.0.0.5" not in page and "refused" not in page


def test_it_leaves_other_errors_to_the_500_page() -> None:
    assert fault_response(ValueError("a bug")) is None
    assert fault_response(PermissionError(13, "denied")) is None
