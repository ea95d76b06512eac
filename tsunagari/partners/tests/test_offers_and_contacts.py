"""Offers and needs find partners across sectors; a contact request reaches the other side by mail."""

import pytest

from tsunagari.outbox.models import Message
from tsunagari.partners.matching import suggest_partners
from tsunagari.partners.models import (
    ContactRequest,
    ContactStatus,
    Offer,
    Partnership,
    Request,
    Sector,
)
from tsunagari.partners.tests.conftest import make_org, signed_in

pytestmark = pytest.mark.django_db


def test_it_saves_an_offer_for_the_members_own_organisation_even_if_the_form_is_tampered(
    client, bob, org_a, org_b
):
    signed_in(client, bob)
    response = client.post(
        f"/partners/org/{org_a.pk}/offer/new/",
        {
            "kind": "venue",
            "title": "食堂の部屋",
            "description": "平日の午後",
            "needs": ["connection"],
            "wards": ["sakai"],
            "organization": str(org_b.pk),
            "is_open": "",
            "created_by": "1",
        },
    )
    offer = Offer.objects.get()
    assert response["Location"] == f"/partners/board/offer/{offer.pk}/"
    assert offer.organization == org_a
    assert offer.created_by == bob
    assert offer.is_open


def test_it_refuses_to_post_for_someone_elses_organisation(client, charlie, org_a):
    signed_in(client, charlie)
    response = client.post(
        f"/partners/org/{org_a.pk}/offer/new/", {"kind": "venue", "title": "乗っ取り"}
    )
    assert response.status_code == 404
    assert Offer.objects.count() == 0


def test_it_limits_the_title_with_a_clear_message(client, bob, org_a):
    signed_in(client, bob)
    response = client.post(
        f"/partners/org/{org_a.pk}/request/new/", {"kind": "food", "title": "x" * 101}
    )
    assert "100文字以内で入力してください（いまは101文字です）。" in response.content.decode()
    assert Request.objects.count() == 0


def test_it_suggests_partners_from_other_sectors_first(org_a, org_b):
    same_sector = make_org(
        "となりのNPO", Sector.NPO, needs=["connection", "money"], wards=["sakai"]
    )
    unrelated = make_org("関係のない団体", Sector.COMPANY, needs=["lgbtq"], wards=["mihara"])
    request_ = Request.objects.create(
        organization=org_a,
        kind="volunteers",
        title="配達の人手",
        needs=["connection"],
        wards=["kita"],
    )
    Offer.objects.create(
        organization=org_b,
        kind="volunteers",
        title="商店会の若手が手伝えます",
        needs=["connection"],
    )

    suggestions = suggest_partners(request_)

    names = [s.organization.name for s in suggestions]
    assert names[0] == "テスト商店会"
    assert "となりのNPO" in names
    assert unrelated.name not in names
    top = suggestions[0]
    assert any("ちがう分野" in r for r in top.reasons)
    assert [p.title for p in top.postings] == ["商店会の若手が手伝えます"]
    assert same_sector.pk not in [s.organization.pk for s in suggestions[:1]]


def test_it_scores_another_sector_above_the_same_sector_with_equal_fields(org_a):
    same = make_org("同じ分野", Sector.NPO, needs=["connection"], wards=["sakai"])
    other = make_org("ちがう分野", Sector.SPORTS_CULTURE, needs=["connection"], wards=["sakai"])
    offer = Offer.objects.create(
        organization=org_a, kind="venue", title="部屋", needs=["connection"], wards=["sakai"]
    )
    scores = {s.organization.pk: s.score for s in suggest_partners(offer)}
    assert scores[other.pk] > scores[same.pk]


def test_it_shows_suggestions_to_the_owner_only(client, bob, charlie, org_a):
    offer = Offer.objects.create(
        organization=org_a, kind="venue", title="部屋", needs=["connection"]
    )
    signed_in(client, bob)
    assert "つながれそうな団体" in client.get(f"/partners/board/offer/{offer.pk}/").content.decode()
    signed_in(client, charlie)
    page = client.get(f"/partners/board/offer/{offer.pk}/").content.decode()
    assert "つながれそうな団体" not in page
    assert "この団体に連絡のお願いを送る" in page


def test_it_mails_a_contact_request_to_the_other_side_and_records_the_partnership(
    client, alice, charlie, org_a, org_b
):
    request_ = Request.objects.create(
        organization=org_b, kind="volunteers", title="見守りの人手", needs=["elderly"]
    )
    signed_in(client, alice)
    response = client.post(
        f"/partners/contact/{org_b.pk}/?request={request_.pk}",
        {"from_organization": str(org_a.pk), "message": "食堂の常連さんに声をかけられます。"},
    )
    assert response["Location"] == "/partners/contacts/"
    contact = ContactRequest.objects.get()
    assert contact.request == request_
    mails = Message.objects.filter(subject__contains="連絡のお願いが届きました")
    assert sorted(m.to for m in mails) == ["charlie@example.org", "shotenkai@example.org"]
    assert all(m.reply_to == "alice@example.org" for m in mails)
    assert "食堂の常連さんに声をかけられます。" in mails[0].body

    signed_in(client, charlie)
    assert (
        "食堂の常連さんに声をかけられます。" in client.get("/partners/contacts/").content.decode()
    )
    client.post(f"/partners/contacts/{contact.pk}/accept/")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACCEPTED
    assert Partnership.objects.involving(org_a).get().other(org_a) == org_b
    assert Message.objects.filter(
        to="alice@example.org", subject__contains="つながりました"
    ).exists()


def test_it_refuses_a_contact_request_sent_as_someone_elses_organisation(
    client, alice, org_a, org_b
):
    third = make_org("第三の団体", Sector.MEDICAL)
    signed_in(client, alice)
    response = client.post(
        f"/partners/contact/{third.pk}/",
        {"from_organization": str(org_b.pk), "message": "なりすまし"},
    )
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()
    assert ContactRequest.objects.count() == 0
    assert Message.objects.count() == 0


def test_it_lets_only_the_receiving_side_answer(client, alice, bob, charlie, org_a, org_b):
    contact = ContactRequest.objects.create(
        from_organization=org_a, to_organization=org_b, sender=alice, message="m"
    )
    signed_in(client, bob)
    assert client.post(f"/partners/contacts/{contact.pk}/accept/").status_code == 404
    signed_in(client, charlie)
    assert client.post(f"/partners/contacts/{contact.pk}/maybe/").status_code == 404
    client.post(f"/partners/contacts/{contact.pk}/decline/")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECLINED
    response = client.post(f"/partners/contacts/{contact.pk}/accept/", follow=True)
    assert "すでに返事をしています" in response.content.decode()
    assert Partnership.objects.count() == 0


def test_it_lets_the_owner_close_an_offer_and_nobody_else(client, bob, charlie, org_a):
    offer = Offer.objects.create(organization=org_a, kind="food", title="お米")
    signed_in(client, charlie)
    assert client.post(f"/partners/board/offer/{offer.pk}/close/").status_code == 404
    signed_in(client, bob)
    client.post(f"/partners/board/offer/{offer.pk}/close/")
    offer.refresh_from_db()
    assert not offer.is_open
    assert "お米" not in client.get("/partners/board/").content.decode()
