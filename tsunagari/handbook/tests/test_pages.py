"""The handbook on the site: anyone can download the current edition."""

import pytest
from django.urls import reverse

from tsunagari.directory.tests.factories import make_service
from tsunagari.handbook.tests.pdfcheck import page_texts
from tsunagari.partners.tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _store(settings, tmp_path):
    settings.HANDBOOK_DIR = tmp_path / "handbook"


@pytest.mark.parametrize("who", [None, "sara"])
def test_it_lists_every_edition_to_anyone(client, request, who):
    if who:
        signed_in(client, request.getfixturevalue(who))
    response = client.get(reverse("handbook:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "堺市全域版（PDF）" in html and "美原区版（PDF）" in html
    assert html.count(".pdf") == 8


def test_it_builds_an_edition_once_and_again_when_the_directory_changes(client, settings):
    make_service(kind="desk", name="（テスト）堺区の窓口", area="ward", ward="sakai")
    url = reverse("handbook:download", args=["sakai"])
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    body = first.content
    assert "（テスト）堺区の窓口" in "\n".join(page_texts(body))
    stored = settings.HANDBOOK_DIR / "handbook-sakai-ja.pdf"
    built = stored.stat().st_mtime_ns
    assert client.get(url).content == body  # served from the stored file
    assert stored.stat().st_mtime_ns == built
    assert "作成" in client.get(reverse("handbook:index")).content.decode()

    make_service(kind="desk", name="（テスト）新しい窓口", area="ward", ward="sakai", phone=None)
    again = client.get(url).content
    assert "（テスト）新しい窓口" in "\n".join(page_texts(again))


def test_an_unknown_edition_is_not_found(client):
    assert client.get("/handbook/namba.pdf").status_code == 404
