"""A member and the staff can reach every part of their work from their start pages."""

import pytest
from django.urls import reverse

from tsunagari.partners.tests.conftest import *  # noqa: F403
from tsunagari.partners.tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_it_links_a_member_to_their_listings_and_gatherings(client, alice):
    signed_in(client, alice)
    html = client.get(reverse("partners:dashboard")).content.decode()
    assert reverse("listings:mine") in html
    assert reverse("gatherings:manage") in html


def test_it_links_staff_to_review_outdated_listings_and_the_admin(client, sara):
    signed_in(client, sara)
    response = client.get(reverse("partners:staff_home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("listings:review_queue") in html
    assert reverse("listings:overdue") in html
    assert reverse("admin:index") in html
    assert "<title>事務局の作業 |" in html


# --- issue 13: links that work where the site runs -----------------------------------


def test_it_builds_mail_links_from_the_configured_site_address(client, settings, sara):
    from tsunagari.outbox.models import Message

    settings.SITE_URL = "http://127.0.0.1:8123"
    client.post(
        reverse("partners:join"),
        {
            "name": "リンク確認の会",
            "sector": "npo",
            "description": "説明です。",
            "needs": ["connection"],
            "wards": ["sakai"],
            "contact_name": "確認 太郎",
            "contact_email": "link@example.org",
        },
        HTTP_HOST="testserver",
    )
    staff_mail = Message.objects.get(to="sara@example.org")
    assert "http://127.0.0.1:8123/partners/staff/applications/" in staff_mail.body
    client.post(reverse("accounts:password_reset"), {"email": "sara@example.org"})
    reset = Message.objects.filter(to="sara@example.org").exclude(pk=staff_mail.pk).get()
    assert "http://127.0.0.1:8123/accounts/password-reset/" in reset.body
    assert "testserver" not in reset.body


def test_it_makes_make_run_mail_links_to_the_port_it_serves():
    import pathlib
    import shutil
    import subprocess

    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    repo = pathlib.Path(__file__).resolve().parents[3]
    dry_run = subprocess.run(  # noqa: S603 - our own Makefile, fixed arguments
        [make, "-n", "run", "PORT=8123"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    serve = next(line for line in dry_run.splitlines() if "runserver" in line)
    assert "SITE_URL=http://127.0.0.1:8123" in serve and "127.0.0.1:8123" in serve
    seed = next(line for line in dry_run.splitlines() if "load_seed" in line)
    assert "SITE_URL=http://127.0.0.1:8123" in seed
