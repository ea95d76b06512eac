"""Logos: checked by content and size, stored under MEDIA_ROOT, served only through a checked view."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tsunagari.partners.tests.conftest import make_org, signed_in

pytestmark = pytest.mark.django_db

# a 1×1 transparent PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _profile(org, logo):
    return {
        "description": "紹介",
        "needs": ["connection"],
        "wards": ["sakai"],
        "contact_name": "ありす",
        "contact_email": "a@example.org",
        "can_offer": "",
        "looking_for": "",
        "logo": logo,
    }


def test_it_stores_a_real_png_under_a_random_name_and_serves_it(client, alice, org_a, tmp_path):
    signed_in(client, alice)
    response = client.post(
        f"/partners/org/{org_a.pk}/",
        _profile(org_a, SimpleUploadedFile("ロゴ.gif", PNG, "image/gif")),
    )
    assert response.status_code == 302
    org_a.member.refresh_from_db()
    name = org_a.member.logo.name
    assert name.startswith("logos/") and name.endswith(".png") and "ロゴ" not in name
    assert (tmp_path / name).read_bytes() == PNG
    client.logout()
    served = client.get(f"/partners/members/{org_a.pk}/logo/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    assert (
        f"/partners/members/{org_a.pk}/logo/"
        in client.get(f"/partners/members/{org_a.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    "content,name,message",
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "logo.png",
            "画像として読めませんでした",
        ),
        (b"GIF89a" + b"\x00" * 100, "logo.gif", "画像として読めませんでした"),
        (b"%PDF-1.4 not an image", "logo.jpg", "画像として読めませんでした"),
        (PNG + b"\x00" * (500 * 1024), "big.png", "500KBまでです"),
    ],
)
def test_it_refuses_what_is_not_a_small_raster_image(client, alice, org_a, content, name, message):
    signed_in(client, alice)
    response = client.post(
        f"/partners/org/{org_a.pk}/",
        _profile(org_a, SimpleUploadedFile(name, content, "image/png")),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    org_a.member.refresh_from_db()
    assert not org_a.member.logo
    org_a.refresh_from_db()
    assert org_a.description != "紹介"  # nothing half-saved


def test_it_serves_no_logo_for_a_member_that_is_not_approved(client, tmp_path):
    org = make_org("申し込み中", "npo", status="applied")
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "x.png").write_bytes(PNG)
    org.member.logo.name = "logos/x.png"
    org.member.save()
    assert client.get(f"/partners/members/{org.pk}/logo/").status_code == 404


def test_it_answers_404_when_there_is_no_logo(client, org_a):
    assert client.get(f"/partners/members/{org_a.pk}/logo/").status_code == 404
