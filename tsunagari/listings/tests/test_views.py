from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagari.directory.models import ReviewStatus, Service
from tsunagari.listings.models import ChangeAction, ConfirmationRequest, ListingChange
from tsunagari.listings.services import confirmation_token, listing_create
from tsunagari.listings.tests.conftest import make_listing, signed_in
from tsunagari.outbox.models import Message

pytestmark = pytest.mark.django_db

FORM = {
    "name": "（テスト）よりみち相談",
    "description": "気軽に話せる場所です。",
    "eligibility_description": "どなたでも",
    "fees_description": "無料",
    "application_process": "メールで申し込んでください。",
    "url": "https://example.org/yorimichi",
    "need_codes": ["connection", "mental"],
}
TAMPERING = {
    "review_status": "published",
    "status": "active",
    "assured_date": "2026-11-01",
    "assurer_email": "evil@example.org",
    "needs_reverification": "",
    "confidence": "confirmed",
    "area": "national",
}


@pytest.fixture
def pending(org_a, bob):
    data = {k: v for k, v in FORM.items() if k != "need_codes"}
    return listing_create(organization=org_a, data=data, need_codes=["mental"], by=bob)


def _urls(listing, org_a):
    return {
        "mine": reverse("listings:mine"),
        "create": reverse("listings:create", args=[org_a.pk]),
        "edit": reverse("listings:edit", args=[listing.pk]),
        "history": reverse("listings:history", args=[listing.pk]),
        "review_queue": reverse("listings:review_queue"),
        "review": reverse("listings:review", args=[listing.pk]),
        "overdue": reverse("listings:overdue"),
    }


STAFF_POSTS = ["approve", "send_back"]


# --- who may see what ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["mine", "create", "edit", "history", "review_queue", "review", "overdue"]
)
def test_it_sends_anonymous_visitors_to_login(client, listing, org_a, name):
    response = client.get(_urls(listing, org_a)[name])
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", STAFF_POSTS)
def test_it_sends_anonymous_review_posts_to_login(client, pending, name):
    response = client.post(reverse(f"listings:{name}", args=[pending.pk]), {"message": "x"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.review_status == ReviewStatus.PENDING


@pytest.mark.parametrize("who", ["plain_user", "charlie"])
@pytest.mark.parametrize("name", ["create", "edit", "history"])
def test_it_answers_404_to_outsiders(client, request, listing, org_a, who, name):
    signed_in(client, request.getfixturevalue(who))
    assert client.get(_urls(listing, org_a)[name]).status_code == 404
    assert client.post(_urls(listing, org_a)[name], FORM).status_code in (404, 405)
    listing.refresh_from_db()
    assert listing.name == "（テスト）こころの相談室"
    assert Service.objects.count() == 1


def test_it_answers_404_on_my_listings_without_an_organisation(client, plain_user):
    signed_in(client, plain_user)
    assert client.get(reverse("listings:mine")).status_code == 404


@pytest.mark.parametrize("who", ["plain_user", "alice", "bob", "charlie"])
@pytest.mark.parametrize("name", ["review_queue", "review", "overdue"])
def test_it_forbids_staff_pages_to_everyone_else(client, request, listing, org_a, who, name):
    signed_in(client, request.getfixturevalue(who))
    assert client.get(_urls(listing, org_a)[name]).status_code == 403


@pytest.mark.parametrize("who", ["alice", "bob"])
@pytest.mark.parametrize("name", STAFF_POSTS)
def test_it_forbids_owners_to_review_their_own_listing(client, request, pending, who, name):
    signed_in(client, request.getfixturevalue(who))
    response = client.post(reverse(f"listings:{name}", args=[pending.pk]), {"message": "x"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.review_status == ReviewStatus.PENDING


@pytest.mark.parametrize("who", ["alice", "bob"])
@pytest.mark.parametrize("name", ["mine", "create", "edit", "history"])
def test_it_lets_the_owners_in(client, request, listing, org_a, who, name):
    signed_in(client, request.getfixturevalue(who))
    response = client.get(_urls(listing, org_a)[name])
    assert response.status_code == 200
    if name == "mine":
        assert "（テスト）こころの相談室" in response.content.decode()


@pytest.mark.parametrize("name", ["review_queue", "review", "overdue", "history"])
def test_it_lets_staff_in(client, sara, listing, org_a, name):
    signed_in(client, sara)
    assert client.get(_urls(listing, org_a)[name]).status_code == 200


@pytest.mark.parametrize("name", ["edit", "create"])
def test_it_keeps_staff_out_of_owner_editing(client, sara, listing, org_a, name):
    signed_in(client, sara)
    assert client.get(_urls(listing, org_a)[name]).status_code == 404


# --- owners create and edit ------------------------------------------------------------------


def test_it_creates_a_pending_listing_and_ignores_tampered_fields(client, bob, org_a, org_b):
    signed_in(client, bob)
    response = client.post(
        reverse("listings:create", args=[org_a.pk]),
        {**FORM, **TAMPERING, "organization": str(org_b.pk)},
    )
    assert response.status_code == 302
    service = Service.objects.get(name="（テスト）よりみち相談")
    assert service.organization == org_a
    assert service.review_status == ReviewStatus.PENDING
    assert service.assured_date is None and service.assurer_email == ""
    assert service.confidence == "unverified" and service.area == "city"
    assert sorted(service.terms.values_list("code", flat=True)) == ["connection", "mental"]
    assert service not in Service.objects.public()


def test_it_edits_a_listing_and_ignores_tampered_fields(client, alice, listing, org_b):
    signed_in(client, alice)
    response = client.post(
        reverse("listings:edit", args=[listing.pk]),
        {**FORM, **TAMPERING, "review_status": "rejected", "organization": str(org_b.pk)},
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.name == "（テスト）よりみち相談"
    assert listing.organization.name == "つながりテスト食堂"
    assert listing.review_status == ReviewStatus.PUBLISHED
    assert listing.assured_date == date(2026, 6, 1) and listing.assurer_email == ""
    fields = set(ListingChange.for_service(listing).values_list("field_name", flat=True))
    assert "review_status" not in fields and "organization" not in fields and "name" in fields


def test_it_cannot_make_a_pending_listing_public_by_tampering(client, bob, pending):
    signed_in(client, bob)
    client.post(reverse("listings:edit", args=[pending.pk]), {**FORM, "review_status": "published"})
    pending.refresh_from_db()
    assert pending.review_status == ReviewStatus.PENDING


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"need_codes": ["connection", "mental", "money", "work"]},
            "お悩みの分類は3つまでにしてください。",
        ),
        ({"need_codes": []}, "お悩みの分類を1つ以上選んでください。"),
        ({"need_codes": ["nonsense"]}, "nonsense"),
        ({"name": ""}, "このフィールドは必須です。"),
        ({"description": "あ" * 2001}, "2000"),
        ({"url": "javascript:alert(1)"}, "URL"),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(client, bob, listing, change, message):
    signed_in(client, bob)
    response = client.post(reverse("listings:edit", args=[listing.pk]), {**FORM, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    listing.refresh_from_db()
    assert listing.name == "（テスト）こころの相談室"
    assert not ListingChange.for_service(listing).exists()


def test_it_escapes_text_everywhere(client, bob, sara, listing):
    signed_in(client, bob)
    client.post(
        reverse("listings:edit", args=[listing.pk]),
        {**FORM, "description": "<script>alert(1)</script>"},
    )
    html = client.get(reverse("listings:history", args=[listing.pk])).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_it_shows_the_history_with_old_and_new_values(client, bob, listing):
    signed_in(client, bob)
    client.post(
        reverse("listings:edit", args=[listing.pk]), {**FORM, "name": "（テスト）名前を変えた"}
    )
    html = client.get(reverse("listings:history", args=[listing.pk])).content.decode()
    assert "（テスト）こころの相談室" in html and "（テスト）名前を変えた" in html
    assert "bob@example.org" in html


# --- staff review ----------------------------------------------------------------------------


def test_it_lists_pending_listings_and_recent_edits_for_staff(client, sara, pending, listing, bob):
    signed_in(client, bob)
    client.post(
        reverse("listings:edit", args=[listing.pk]), {**FORM, "name": "（テスト）公開中を直した"}
    )
    signed_in(client, sara)
    html = client.get(reverse("listings:review_queue")).content.decode()
    assert "（テスト）よりみち相談" in html
    assert "（テスト）公開中を直した" in html


def test_it_approves_through_the_button(client, sara, alice, pending):
    signed_in(client, sara)
    response = client.post(reverse("listings:approve", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.review_status == ReviewStatus.PUBLISHED
    assert Message.objects.filter(to="alice@example.org").exists()
    # Approving again is refused with a message.
    response = client.post(reverse("listings:approve", args=[pending.pk]), follow=True)
    assert "確認待ちではないので、承認できません" in response.content.decode()
    assert client.get(reverse("listings:approve", args=[pending.pk])).status_code == 405


def test_it_sends_back_with_a_message_the_owner_then_sees(client, sara, alice, bob, pending):
    signed_in(client, sara)
    response = client.post(reverse("listings:send_back", args=[pending.pk]), {"message": ""})
    assert response.status_code == 400
    assert "差し戻す理由を書いてください。" in response.content.decode()
    pending.refresh_from_db()
    assert pending.review_status == ReviewStatus.PENDING
    response = client.post(
        reverse("listings:send_back", args=[pending.pk]), {"message": "受付時間を書いてください。"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.review_status == ReviewStatus.REJECTED
    signed_in(client, bob)
    html = client.get(reverse("listings:edit", args=[pending.pk])).content.decode()
    assert "受付時間を書いてください。" in html


def test_it_refuses_to_send_back_a_published_listing(client, sara, listing):
    signed_in(client, sara)
    response = client.post(
        reverse("listings:send_back", args=[listing.pk]), {"message": "x"}, follow=True
    )
    assert "差し戻せません" in response.content.decode()
    listing.refresh_from_db()
    assert listing.review_status == ReviewStatus.PUBLISHED


def test_it_lists_overdue_listings_for_staff(client, sara, org_a):
    make_listing(org_a, name="（テスト）ずっと確認なし", assured_date=date(2020, 1, 1))
    make_listing(org_a, name="（テスト）最近確認した", assured_date=timezone.localdate())
    signed_in(client, sara)
    html = client.get(reverse("listings:overdue")).content.decode()
    assert "ずっと確認なし" in html and "最近確認した" not in html


# --- the one-click confirmation page --------------------------------------------------------


def test_it_confirms_the_listing_with_one_click(client, listing):
    request = ConfirmationRequest.objects.create(service=listing, sent_to="alice@example.org")
    url = reverse("listings:confirm", args=[confirmation_token(request)])
    html = client.get(url).content.decode()
    assert "この内容で正しい" in html and "（テスト）こころの相談室" in html
    response = client.post(url)
    assert response.status_code == 200
    assert "確認済みとして記録しました" in response.content.decode()
    listing.refresh_from_db()
    assert listing.assured_date == timezone.localdate()
    # A second click changes nothing.
    client.post(url)
    assert (
        ListingChange.for_service(listing).filter(last_action_type=ChangeAction.CONFIRM).count()
        == 1
    )


@pytest.mark.parametrize("token", ["garbage", "eyJyZXF1ZXN0IjoxfQ:1v:abc"])
def test_it_refuses_a_bad_confirmation_link(client, listing, token):
    response = client.post(reverse("listings:confirm", args=[token]))
    assert response.status_code == 404
    assert "リンクの期限が切れているか、正しくありません" in response.content.decode()
    listing.refresh_from_db()
    assert listing.assured_date == date(2026, 6, 1)


def test_it_shows_the_owner_the_worries_by_name_joined_for_their_language(client, listing):
    from django.conf import settings

    from tsunagari.directory.models import Attribute, TaxonomyTerm

    term, _ = TaxonomyTerm.objects.get_or_create(
        taxonomy="need", code="money", defaults={"name": "お金・生活"}
    )
    Attribute.objects.create(service=listing, taxonomy_term=term)
    request = ConfirmationRequest.objects.create(service=listing, sent_to="alice@example.org")
    url = reverse("listings:confirm", args=[confirmation_token(request)])
    assert "<dd>こころの不調、お金・生活</dd>" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "<dd>Mental health, Money and daily living</dd>" in client.get(url).content.decode()
