"""An organisation applies, staff approve, the contact person sets a password and becomes admin."""

import re

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.accounts.models import Invitation, Role, RoleKind, User
from tsunagari.directory.models import Organization
from tsunagari.outbox.models import Message
from tsunagari.outbox.tests.conftest import smtp_server  # noqa: F401 — the real SMTP fixture
from tsunagari.partners.models import Member, MemberStatus, Sector
from tsunagari.partners.tests.conftest import make_org, signed_in

pytestmark = pytest.mark.django_db

APPLICATION = {
    "name": "さかい将棋クラブ",
    "sector": Sector.SPORTS_CULTURE,
    "description": "毎週土曜に将棋を指しています。初めての方も歓迎です。",
    "needs": ["connection", "elderly"],
    "wards": ["nishi"],
    "website": "",
    "contact_name": "将棋 花子",
    "contact_email": "shogi@example.org",
    "contact_public": "on",
    "can_offer": "集会所で将棋を教えられます。",
    "looking_for": "若い人に来てほしい",
}


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_it_takes_an_application_and_tells_the_contact_person_and_staff(client, sara):
    response = client.post("/partners/join/", APPLICATION)
    assert response.status_code == 302
    member = Member.objects.get(organization__name="さかい将棋クラブ")
    assert member.status == MemberStatus.APPLIED
    assert member.needs == ["connection", "elderly"]
    assert Invitation.objects.get(organization=member.organization).kind == RoleKind.ADMIN
    assert sorted(Message.objects.values_list("to", flat=True)) == [
        "sara@example.org",
        "shogi@example.org",
    ]
    # not public until approved
    assert "さかい将棋クラブ" not in client.get("/partners/").content.decode()


def test_it_leads_from_application_to_a_signed_in_admin_with_two_factor(client, sara, smtp_server):  # noqa: F811
    client.post("/partners/join/", APPLICATION)
    member = Member.objects.get(organization__name="さかい将棋クラブ")
    signed_in(client, sara)
    response = client.post(
        f"/partners/staff/applications/{member.pk}/", {"action": "approve", "message": ""}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == MemberStatus.APPROVED
    client.logout()

    call_command("send_outbox")
    invitation_mail = next(
        m for m in smtp_server.messages if m["To"] == "shogi@example.org" and "招待" in m["Subject"]
    )
    body = invitation_mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://[^/\s]+(/accounts/invitation/[^\s]+/)", body)
    assert link, body

    page = client.get(link.group(1))
    assert "さかい将棋クラブへの招待" in page.content.decode()
    response = client.post(
        link.group(1),
        {
            "display_name": "将棋 花子",
            "password1": "koma-wo-susumeru-2026",
            "password2": "koma-wo-susumeru-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    user = User.objects.get(email="shogi@example.org")
    assert Role.objects.get(user=user).kind == RoleKind.ADMIN

    # Until the authenticator is registered, admin pages send her to the second step.
    org = member.organization
    assert client.get(f"/partners/org/{org.pk}/")["Location"].startswith(
        "/accounts/two-factor/verify/"
    )
    setup = client.get(response["Location"])
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user)
    done = client.post(response["Location"], {"token": _code(device)})
    assert "回復用コード" in done.content.decode()  # shown once, then on to the dashboard
    assert client.get(f"/partners/org/{org.pk}/").status_code == 200
    assert "さかい将棋クラブ" in client.get("/partners/").content.decode()


def test_it_refuses_the_invitation_link_a_second_time(client, sara):
    client.post("/partners/join/", APPLICATION)
    member = Member.objects.get()
    invitation = Invitation.objects.get()
    member.approve(by=sara)
    token = invitation.issue()
    client.post(
        f"/accounts/invitation/{token}/",
        {
            "display_name": "花子",
            "password1": "koma-wo-susumeru-2026",
            "password2": "koma-wo-susumeru-2026",
        },
    )
    client.logout()
    assert client.get(f"/accounts/invitation/{token}/").status_code == 404


def test_it_asks_back_by_mail_and_then_approves(client, sara):
    client.post("/partners/join/", APPLICATION)
    member = Member.objects.get()
    signed_in(client, sara)
    missing = client.post(
        f"/partners/staff/applications/{member.pk}/", {"action": "ask_back", "message": ""}
    )
    assert missing.status_code == 400
    assert "確認したいことを書いてください" in missing.content.decode()
    client.post(
        f"/partners/staff/applications/{member.pk}/",
        {"action": "ask_back", "message": "活動の場所を教えてください。"},
    )
    member.refresh_from_db()
    assert member.status == MemberStatus.ASKED_BACK
    mail = Message.objects.get(subject__contains="確認させてください")
    assert "活動の場所を教えてください。" in mail.body
    assert mail.reply_to == "sara@example.org"
    client.post(f"/partners/staff/applications/{member.pk}/", {"action": "approve"})
    member.refresh_from_db()
    assert member.status == MemberStatus.APPROVED


def test_it_declines_and_refuses_a_second_decision(client, sara):
    client.post("/partners/join/", APPLICATION)
    member = Member.objects.get()
    signed_in(client, sara)
    client.post(
        f"/partners/staff/applications/{member.pk}/",
        {"action": "decline", "message": "今回は対象外です。"},
    )
    response = client.post(f"/partners/staff/applications/{member.pk}/", {"action": "approve"})
    assert response.status_code == 400
    assert "いまの状態ではこの操作はできません" in response.content.decode()
    member.refresh_from_db()
    assert member.status == MemberStatus.DECLINED
    assert not Invitation.objects.filter(token_hash__gt="").exists()


def test_it_says_clearly_when_a_field_is_too_long_and_saves_nothing(client):
    response = client.post(
        "/partners/join/", {**APPLICATION, "name": "あ" * 201, "can_offer": "い" * 1001}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "200文字以内で入力してください（いまは201文字です）。" in html
    assert "1000文字以内で入力してください（いまは1001文字です）。" in html
    assert Organization.objects.count() == 0
    assert Message.objects.count() == 0


def test_it_ignores_tampered_status_and_demo_fields_in_an_application(client):
    client.post(
        "/partners/join/",
        {**APPLICATION, "status": "approved", "is_demo": "on", "organization": "x"},
    )
    member = Member.objects.get()
    assert member.status == MemberStatus.APPLIED
    assert member.organization.is_demo is False


def test_it_refuses_unknown_need_codes_and_wards(client):
    response = client.post(
        "/partners/join/", {**APPLICATION, "needs": ["flying"], "wards": ["osaka"]}
    )
    assert response.status_code == 200
    assert Organization.objects.count() == 0


def test_it_escapes_what_an_applicant_typed(client, sara):
    client.post("/partners/join/", {**APPLICATION, "name": "<script>alert(1)</script>"})
    member = Member.objects.get()
    member.approve(by=sara)
    html = client.get("/partners/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_it_lists_approved_members_with_their_fields_and_hides_hidden_contacts(
    client, org_a, org_b
):
    org_b.member.contact_public = False
    org_b.member.save()
    make_org("見送った団体", Sector.COMPANY, status=MemberStatus.DECLINED)
    html = client.get("/partners/").content.decode()
    assert "つながりテスト食堂" in html and "テスト商店会" in html
    assert "見送った団体" not in html
    assert "shokudo@example.org" in html
    assert "shotenkai@example.org" not in html
    assert "孤独・つながり・居場所" in html
    detail = client.get(f"/partners/members/{org_b.pk}/").content.decode()
    assert "shotenkai@example.org" not in detail
    assert "公開していません" in detail


def test_it_filters_the_member_list_by_sector_need_and_ward(client, org_a, org_b):
    assert "テスト商店会" not in client.get("/partners/?sector=npo").content.decode()
    assert "つながりテスト食堂" not in client.get("/partners/?need=elderly").content.decode()
    html = client.get("/partners/?ward=sakai").content.decode()
    assert "つながりテスト食堂" in html and "テスト商店会" not in html


def test_it_lets_an_admin_edit_the_profile_but_not_status_or_sector(client, alice, org_a):
    signed_in(client, alice)
    response = client.post(
        f"/partners/org/{org_a.pk}/",
        {
            "description": "新しい紹介",
            "needs": ["connection"],
            "wards": ["sakai"],
            "contact_name": "ありす",
            "contact_email": "new@example.org",
            "can_offer": "",
            "looking_for": "",
            "status": "declined",
            "sector": "city",
            "organization": "x",
        },
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    org_a.member.refresh_from_db()
    assert org_a.description == "新しい紹介"
    assert org_a.member.contact_public is False
    assert org_a.member.status == MemberStatus.APPROVED
    assert org_a.member.sector == Sector.NPO


def test_it_lets_an_admin_invite_a_member_who_then_joins(client, alice, org_a):
    signed_in(client, alice)
    client.post(
        f"/partners/org/{org_a.pk}/people/", {"email": "hiro@example.org", "kind": "member"}
    )
    mail = Message.objects.get(to="hiro@example.org")
    found = re.search(r"(/accounts/invitation/[^\s]+/)", mail.body)
    assert found, mail.body
    path = found.group(1)
    client.logout()
    client.post(
        path,
        {
            "display_name": "ひろ",
            "password1": "gohan-tsukuru-2026",
            "password2": "gohan-tsukuru-2026",
        },
    )
    user = User.objects.get(email="hiro@example.org")
    assert Role.objects.get(user=user, organization=org_a).kind == RoleKind.MEMBER
    # A member can change listings and gatherings, so registers an authenticator too (decision 0024).
    assert client.get("/partners/home/")["Location"].startswith("/accounts/two-factor/")


def test_it_asks_an_existing_account_to_sign_in_before_accepting(
    client, org_a, bob, org_b, charlie
):
    invitation = Invitation.objects.create(organization=org_b, email=bob.email)
    token = invitation.issue()
    assert "ログインしてから" in client.get(f"/accounts/invitation/{token}/").content.decode()
    signed_in(client, bob)
    client.post(f"/accounts/invitation/{token}/")
    assert Role.objects.filter(user=bob, organization=org_b).exists()


def test_it_keeps_people_with_a_weak_password_out(client, org_a):
    invitation = Invitation.objects.create(organization=org_a, email="weak@example.org")
    token = invitation.issue()
    response = client.post(
        f"/accounts/invitation/{token}/",
        {"display_name": "x", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="weak@example.org").exists()


def test_it_lets_staff_record_that_a_member_left(client, sara, org_a, alice):
    signed_in(client, sara)
    client.post(f"/partners/staff/applications/{org_a.member.pk}/", {"action": "leave"})
    org_a.member.refresh_from_db()
    assert org_a.member.status == MemberStatus.LEFT
    assert "つながりテスト食堂" not in client.get("/partners/").content.decode()
    signed_in(client, alice)
    assert client.get(f"/partners/org/{org_a.pk}/").status_code == 404


# --- issue 13: joining as an applicant meets it ------------------------------------------


def test_it_starts_the_sector_empty_and_asks_for_it(client):
    html = client.get("/partners/join/").content.decode()
    assert '<option value="" selected>えらんでください</option>' in html
    assert (
        'name="contact_public"' in html
        and 'name="contact_public" id="id_contact_public" checked' not in html
    )
    response = client.post("/partners/join/", {**APPLICATION, "sector": ""})
    assert response.status_code == 200
    assert "団体の分野をえらんでください。" in response.content.decode()
    assert not Member.objects.exists()


def test_it_hides_the_contact_person_unless_the_applicant_ticks_to_show_them(client, sara):
    without_tick = {k: v for k, v in APPLICATION.items() if k != "contact_public"}
    client.post("/partners/join/", without_tick)
    member = Member.objects.get()
    assert member.contact_public is False
    signed_in(client, sara)
    client.post(f"/partners/staff/applications/{member.pk}/", {"action": "approve"})
    client.logout()
    listing = client.get("/partners/").content.decode()
    assert "さかい将棋クラブ" in listing
    assert "shogi@example.org" not in listing and "将棋 花子" not in listing
    page = client.get(f"/partners/members/{member.organization.pk}/").content.decode()
    assert "shogi@example.org" not in page


def test_it_puts_the_offers_and_needs_typed_at_sign_up_on_the_board_once_approved(client, sara):
    from tsunagari.partners.models import Offer, Request

    client.post(
        "/partners/join/",
        {**APPLICATION, "can_offer": "集会所で将棋を教えられます。\n土曜の午後ならいつでも。"},
    )
    member = Member.objects.get()
    assert not Offer.objects.exists()  # not before approval
    signed_in(client, sara)
    client.post(f"/partners/staff/applications/{member.pk}/", {"action": "approve"})
    offer = Offer.objects.get(organization=member.organization)
    wanted = Request.objects.get(organization=member.organization)
    assert offer.title == "集会所で将棋を教えられます。" and offer.is_open
    assert "土曜の午後ならいつでも。" in offer.description
    assert wanted.title == "若い人に来てほしい"
    assert offer.needs == ["connection", "elderly"] and offer.wards == ["nishi"]
    board = client.get("/partners/board/").content.decode()
    assert "集会所で将棋を教えられます。" in board and "若い人に来てほしい" in board


def test_it_puts_the_staff_message_typed_at_approval_into_the_invitation(client, sara):
    client.post("/partners/join/", APPLICATION)
    member = Member.objects.get()
    signed_in(client, sara)
    client.post(
        f"/partners/staff/applications/{member.pk}/",
        {"action": "approve", "message": "来月の交流会でお会いしましょう。"},
    )
    mail = Message.objects.get(to="shogi@example.org", subject__contains="招待")
    assert "事務局からのメッセージ:" in mail.body
    assert "来月の交流会でお会いしましょう。" in mail.body


def test_it_lets_an_applicant_who_was_asked_back_answer_on_a_page(client, sara):
    client.post("/partners/join/", APPLICATION)
    member = Member.objects.get()
    signed_in(client, sara)
    client.post(
        f"/partners/staff/applications/{member.pk}/",
        {"action": "ask_back", "message": "活動の場所を教えてください。"},
    )
    client.logout()
    mail = Message.objects.get(subject__contains="確認させてください")
    link = re.search(r"https?://[^/\s]+(/partners/join/answer/[^\s]+/)", mail.body)
    assert link, mail.body
    page = client.get(link.group(1)).content.decode()
    assert "活動の場所を教えてください。" in page
    empty = client.post(link.group(1), {"answer": ""})
    assert empty.status_code == 400 and "この項目を入力してください。" in empty.content.decode()
    response = client.post(link.group(1), {"answer": "西区の集会所です。"}, follow=True)
    assert "お答えを事務局に届けました。" in response.content.decode()
    member.refresh_from_db()
    assert member.status == MemberStatus.APPLIED and member.applicant_answer == "西区の集会所です。"
    staff_mail = Message.objects.get(to="sara@example.org", subject__contains="お答え")
    assert f"/partners/staff/applications/{member.pk}/" in staff_mail.body
    # A second answer through the same link is not taken; staff see the answer.
    client.post(link.group(1), {"answer": "やっぱり北区です。"})
    member.refresh_from_db()
    assert member.applicant_answer == "西区の集会所です。"
    signed_in(client, sara)
    staff_page = client.get(f"/partners/staff/applications/{member.pk}/").content.decode()
    assert "西区の集会所です。" in staff_page
    client.logout()
    assert client.get("/partners/join/answer/forged/").status_code == 404
