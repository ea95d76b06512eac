"""Staff views that tell the truth (issue 13): unverified listings, gatherings' listings, tallies, admin."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tsunagari.directory.models import Service
from tsunagari.gatherings.tests.conftest import make_gathering
from tsunagari.listings.tests.conftest import make_listing, signed_in
from tsunagari.navigator.models import NeedTally

pytestmark = pytest.mark.django_db


def test_it_lists_never_verified_imports_first_with_their_source_dates(client, sara, org_a):
    make_listing(
        org_a,
        name="（テスト）取り込んだだけの窓口",
        assured_date=None,
        source_name="（テスト）市のページ",
        source_date="2025-04-01",
    )
    make_listing(org_a, name="（テスト）2年前に確認", assured_date=date(2024, 11, 1))
    make_listing(org_a, name="（テスト）先月確認", assured_date=date(2026, 11, 1))
    signed_in(client, sara)
    html = client.get(reverse("listings:overdue")).content.decode()
    assert "ありません" not in html
    assert "まだだれも確認していない掲載（1件）" in html
    assert html.index("取り込んだだけの窓口") < html.index("2年前に確認")
    row = html[html.index("取り込んだだけの窓口") :].split("</tr>")[0]
    assert "（テスト）市のページ" in row and "2025-04-01" in row
    assert "2024-11-01" in html
    assert "先月確認" not in html


def test_it_does_not_mark_a_gatherings_listing_verified_because_its_organiser_saved_it(
    client, sara, org_a
):
    gathering = make_gathering(org_a)
    gathering.publish()
    service = Service.objects.get(gathering=gathering)
    assert service.assured_date is None
    signed_in(client, sara)
    html = client.get(reverse("listings:overdue")).content.decode()
    assert "（テスト）ひだまりサロン" in html


def test_it_counts_answers_the_person_corrected_in_the_unmet_needs_table(client, sara, settings):
    from tsunagari.navigator.tallies import flush

    flush()  # counts other tests left in this process's buffer
    NeedTally.objects.all().delete()
    settings.NAVIGATOR_TALLY_FLUSH_SECONDS = 0
    url = reverse("navigator:answer")
    client.get(url, {"q": "借金で首が回らない", "ward": "kita"})
    # 「ちがうときは、えらびなおせます」 sends the chosen needs and ward back to the answer page.
    answer = client.get(url, {"q": "借金で首が回らない", "ward": "kita"}).content.decode()
    assert "ちがうときは、えらびなおせます" in answer
    client.get(url, {"need": ["housing"], "ward": "kita"})
    counted = {(t.need_code, t.ward): t.count for t in NeedTally.objects.all()}
    assert counted[("housing", "kita")] == 1
    signed_in(client, sara)
    html = client.get(reverse("navigator:unmet")).content.decode()
    assert "住まい" in html


def test_it_shows_every_admin_heading_in_japanese(client, root):
    signed_in(client, root)
    html = client.get("/admin/").content.decode()
    headings = re.findall(
        r'<caption>.*?</caption>|<th scope="row"[^>]*>.*?</th>|<h1[^>]*>.*?</h1>', html, re.S
    )
    assert len(headings) > 10
    english = [
        h
        for h in (re.sub(r"<[^>]+>", "", h).strip() for h in headings)
        if re.search(r"[A-Za-z]{2,}", h)
    ]
    assert english == []
    assert "ログインの試行の記録" in html and "登録した認証アプリ" in html
