"""One-line fields that reach mail subjects refuse line breaks with a clear Japanese message."""

from typing import Any

import pytest

from tsunagari.directory.models import Organization, Service
from tsunagari.partners.models import Notice
from tsunagari.partners.tests.test_joining import APPLICATION
from tsunagari.testing import signed_in

pytestmark = pytest.mark.django_db

MESSAGE = "改行は入れられません。1行で入力してください。"
INJECTED = "つながり食堂\r\nBcc: everyone@example.org"


def test_it_refuses_a_line_break_in_an_organisation_name_and_saves_nothing(client: Any) -> None:
    response = client.post("/partners/join/", {**APPLICATION, "name": INJECTED})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Organization.objects.filter(name__startswith="つながり食堂").exists()


def test_it_refuses_a_line_break_in_a_listing_name(client: Any, alice: Any, org_a: Any) -> None:
    signed_in(client, alice)
    response = client.post(
        f"/listings/new/{org_a.pk}/",
        {"name": INJECTED, "description": "話を聞きます。", "need_codes": ["mental"]},
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Service.objects.filter(organization=org_a).exists()


def test_it_refuses_a_line_break_in_a_notice_title(client: Any, sara: Any) -> None:
    signed_in(client, sara)
    response = client.post(
        "/partners/staff/notices/new/",
        {"kind": "news", "title": "お知らせ\nBcc: x@example.org", "body": "本文です。"},
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Notice.objects.exists()
