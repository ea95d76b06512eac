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
    stored = (tmp_path / name).read_bytes()
    assert stored.startswith(b"\x89PNG")  # re-encoded by Pillow, so not the same bytes
    client.logout()
    served = client.get(f"/partners/members/{org_a.pk}/logo/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == stored
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


def _png_claiming(width: int, height: int) -> bytes:
    """The 1×1 PNG with a header that claims other dimensions (a decompression bomb's shape)."""
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return PNG[:8] + ihdr + PNG[8 + 25 :]


def test_it_refuses_a_logo_whose_dimensions_are_too_large(client, alice, org_a):
    signed_in(client, alice)
    response = client.post(
        f"/partners/org/{org_a.pk}/",
        _profile(org_a, SimpleUploadedFile("bomb.png", _png_claiming(40000, 40000), "image/png")),
    )
    assert response.status_code == 200
    assert "縦横2000ピクセルまで" in response.content.decode()
    org_a.member.refresh_from_db()
    assert not org_a.member.logo


def test_it_stores_a_re_encoded_copy_without_what_the_file_carried(client, alice, org_a, tmp_path):
    import io

    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret-marker-町内の住所")
    carried = io.BytesIO()
    Image.new("RGBA", (40, 20), (200, 30, 30, 255)).save(carried, "PNG", pnginfo=info)
    signed_in(client, alice)
    client.post(
        f"/partners/org/{org_a.pk}/",
        _profile(org_a, SimpleUploadedFile("logo.png", carried.getvalue(), "image/png")),
    )
    org_a.member.refresh_from_db()
    stored = (tmp_path / org_a.member.logo.name).read_bytes()
    assert b"secret-marker" not in stored
    assert Image.open(io.BytesIO(stored)).size == (40, 20)


def test_it_deletes_the_old_file_when_a_logo_is_replaced(
    client, alice, org_a, tmp_path, django_capture_on_commit_callbacks
):
    signed_in(client, alice)
    client.post(f"/partners/org/{org_a.pk}/", _profile(org_a, SimpleUploadedFile("a.png", PNG)))
    org_a.member.refresh_from_db()
    first = tmp_path / org_a.member.logo.name
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/partners/org/{org_a.pk}/", _profile(org_a, SimpleUploadedFile("b.png", PNG)))
    org_a.member.refresh_from_db()
    assert (tmp_path / org_a.member.logo.name).exists()
    assert not first.exists()
    assert len(list((tmp_path / "logos").iterdir())) == 1
