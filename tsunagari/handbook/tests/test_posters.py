"""Posters for places outside welfare, arrivals counted by tag, and the May campaign page."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tsunagari.core.crisis import crisis_lines
from tsunagari.handbook.models import ArrivalTally, Campaign
from tsunagari.handbook.tests.pdfcheck import fonts, page_texts
from tsunagari.partners.tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", ["A4", "A3", "card"])
def test_it_prints_a_poster_with_the_crisis_line_and_the_venue_tag(tmp_path, size):
    out = tmp_path / "poster.pdf"
    call_command("build_poster", "--out", str(out), "--venue", "図書館", "--size", size)
    pdf = out.read_bytes()
    text = "\n".join(page_texts(pdf))
    assert len(page_texts(pdf)) == 1
    assert "ひとりで悩まないで" in text
    line = next(line for line in crisis_lines() if line.number)
    assert line.number in text
    if size != "card":
        assert "?c=poster-library" in text
    assert all(fonts(pdf).values())


def test_an_unknown_venue_or_size_is_refused_with_the_valid_ones(tmp_path):
    out = tmp_path / "poster.pdf"
    with pytest.raises(CommandError, match="図書館、公民館"):
        call_command("build_poster", "--out", str(out), "--venue", "難波")
    with pytest.raises(CommandError, match="A4, A3, card"):
        call_command("build_poster", "--out", str(out), "--venue", "図書館", "--size", "B5")
    assert not out.exists()


def test_arrivals_are_counted_per_tag_and_the_tag_is_dropped(client):
    response = client.get(reverse("navigator:answer"), {"c": "poster-library"})
    assert response.status_code == 302 and response["Location"] == reverse("navigator:answer")
    client.get(reverse("navigator:answer"), {"c": "poster-library", "need": "money"})
    client.get(reverse("navigator:answer"), {"c": "made-up-tag"})
    assert list(ArrivalTally.objects.values_list("tag", "count")) == [("poster-library", 2)]
    assert client.get(reverse("navigator:answer")).status_code == 200


def test_staff_see_arrivals_on_the_dashboard_and_switch_the_campaign_on(client, sara):
    client.get(reverse("navigator:answer"), {"c": "poster-barber"})
    signed_in(client, sara)
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert "ポスターから来た人" in dashboard and "理容室・美容室" in dashboard

    assert client.get(reverse("handbook:campaign")).status_code == 404
    page = client.get(reverse("handbook:staff")).content.decode()
    assert "いまは公開していません" in page and "理容室・美容室" in page
    client.post(reverse("handbook:staff"), {"on": "1"})
    assert Campaign.is_running(Campaign.Code.MAY)
    client.logout()
    public = client.get(reverse("handbook:campaign"))
    assert public.status_code == 200
    assert "孤独・孤立対策強化月間" in public.content.decode()
    assert "c=campaign-may" in public.content.decode()


def test_only_staff_download_posters(client, plain_user, sara):
    url = reverse("handbook:poster", args=["library", "card"])
    assert client.get(url).status_code == 302
    signed_in(client, plain_user)
    assert client.get(url).status_code == 403
    signed_in(client, sara)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert client.get(reverse("handbook:poster", args=["nowhere", "A4"])).status_code == 404
    assert client.post(reverse("handbook:staff"), {"on": "1"}).status_code == 302
