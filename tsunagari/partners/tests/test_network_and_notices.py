"""Staff see the network at a glance; notices reach members by mail; public news is an Atom feed."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tsunagari.directory.models import Attribute, ReviewStatus, Service, TaxonomyTerm
from tsunagari.outbox.models import Message
from tsunagari.partners import network
from tsunagari.partners.models import (
    Attendance,
    AttendanceAnswer,
    Notice,
    NoticeKind,
    Partnership,
    Sector,
)
from tsunagari.partners.tests.conftest import make_org, signed_in

pytestmark = pytest.mark.django_db


def test_it_counts_members_by_sector_and_the_share_outside_welfare(org_a, org_b):
    make_org("社協（テスト）", Sector.SOCIAL_WELFARE_COUNCIL, wards=["sakai"])
    make_org("申し込み中", Sector.COMPANY, status="applied")
    by_sector = dict(network.members_by_sector())
    assert by_sector["NPO・市民活動"] == 1
    assert by_sector["商店街・商工会"] == 1
    assert by_sector["社会福祉協議会"] == 1
    assert by_sector["企業"] == 0
    assert network.share_outside_welfare() == (2, 3, 67)


def test_it_lists_wards_with_few_members(org_a, org_b):
    few = dict(network.wards_with_few_members(threshold=2))
    assert "北区" not in few  # org_a and org_b
    assert few["堺区"] == 1
    assert few["美原区"] == 0


def test_it_counts_published_services_per_need_code(org_a):
    term = TaxonomyTerm.objects.get(taxonomy="need", code="hikikomori")
    for i, review in enumerate(
        [ReviewStatus.PUBLISHED, ReviewStatus.PUBLISHED, ReviewStatus.PENDING]
    ):
        service = Service.objects.create(organization=org_a, name=f"相談{i}", review_status=review)
        Attribute.objects.create(service=service, taxonomy_term=term)
    few = {code: n for code, _label, n in network.needs_with_few_services(threshold=3)}
    assert few["hikikomori"] == 2
    assert few["lgbtq"] == 0
    assert "hikikomori" not in {
        code for code, _l, _n in network.needs_with_few_services(threshold=2)
    }


def test_it_draws_partnerships_as_svg_with_a_table_for_screen_readers(client, sara, org_a, org_b):
    Partnership.record(org_a, org_b)
    signed_in(client, sara)
    response = client.get("/partners/staff/network/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<line" in html and html.count("<circle") == 2
    # The drawing works without JavaScript: the only script is the site's own print helper.
    assert html.count("<script") == 1 and '<script src="/static/core/site.js"' in html
    assert "<caption>分野の組み合わせごとの連携の数</caption>" in html
    assert (
        "つながりテスト食堂（NPO・市民活動）⇔ テスト商店会（商店街・商工会）" in html
        or "テスト商店会（商店街・商工会）⇔ つながりテスト食堂（NPO・市民活動）" in html
    )
    assert "福祉以外の分野の団体は 2（100%）" in html
    assert len(response.content) < 60_000


def test_it_mails_a_sector_notice_only_to_that_sector_and_collects_attendance(
    client, sara, alice, bob, charlie, org_a, org_b
):
    signed_in(client, sara)
    response = client.post(
        "/partners/staff/notices/new/",
        {
            "kind": "meeting",
            "title": "商店街分科会",
            "body": "空き店舗の活用について話します。",
            "sector": "commerce",
            "starts_at": (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
            "place": "市役所 会議室",
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert sorted(Message.objects.values_list("to", flat=True)) == [
        "charlie@example.org",
        "shotenkai@example.org",
    ]
    assert "市役所 会議室" in Message.objects.get(to="charlie@example.org").body

    signed_in(client, alice)
    assert client.get(f"/partners/notices/{notice.pk}/").status_code == 404
    assert (
        client.post(
            f"/partners/notices/{notice.pk}/",
            {"organization": str(org_b.pk), "answer": "attend", "people": 1},
        ).status_code
        == 404
    )

    signed_in(client, charlie)
    client.post(
        f"/partners/notices/{notice.pk}/",
        {"organization": str(org_b.pk), "answer": "attend", "people": 2},
    )
    client.post(
        f"/partners/notices/{notice.pk}/",
        {"organization": str(org_b.pk), "answer": "absent", "people": 1},
    )
    attendance = Attendance.objects.get()
    assert (attendance.organization, attendance.answer) == (org_b, AttendanceAnswer.ABSENT)

    signed_in(client, sara)
    assert (
        "欠席します"
        in client.get(f"/partners/staff/notices/{notice.pk}/attendance/").content.decode()
    )


def test_it_requires_a_date_for_a_meeting(client, sara):
    signed_in(client, sara)
    response = client.post(
        "/partners/staff/notices/new/",
        {"kind": "meeting", "title": "分科会", "body": "本文", "sector": ""},
    )
    assert "会議の日時を入力してください" in response.content.decode()
    assert Notice.objects.count() == 0


def test_it_sends_a_notice_to_all_members_once_per_address(
    client, sara, alice, bob, charlie, org_a, org_b
):
    signed_in(client, sara)
    client.post(
        "/partners/staff/notices/new/",
        {"kind": "news", "title": "年末のお知らせ", "body": "本文", "sector": ""},
    )
    recipients = list(Message.objects.values_list("to", flat=True))
    assert sorted(recipients) == sorted(set(recipients))
    assert {
        "alice@example.org",
        "bob@example.org",
        "charlie@example.org",
        "shokudo@example.org",
    } <= set(recipients)


def test_it_publishes_only_public_news_in_the_atom_feed(client):
    Notice.objects.create(title="公開のお知らせ", body="だれでも読めます", is_public=True)
    Notice.objects.create(title="会員だけ", body="秘密", kind=NoticeKind.NEWS)
    response = client.get("/partners/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 — our own feed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["公開のお知らせ"]
