"""Signing in: password, the TOTP step for admins and staff, throttling, password reset, idle expiry."""

import re

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.outbox.models import Message
from tsunagari.outbox.tests.conftest import smtp_server  # noqa: F401
from tsunagari.testing import signed_in

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _login(client, user, password, next_url=""):
    data = {"username": user.username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


def test_it_signs_a_person_without_a_role_straight_in(client, plain_user, password):
    # Anyone with a role can change what the public sees and uses two factors (decision 0024);
    # a person with none changes nothing and signs in with the password.
    response = _login(client, plain_user, password)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" in client.session


def test_it_sends_staff_without_an_authenticator_to_register_one(client, sara, password):
    response = _login(client, sara, password, next_url="/partners/staff/")
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    assert client.get("/partners/staff/")["Location"].startswith("/accounts/two-factor/verify/")
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=sara, confirmed=False)
    assert re.search(r"<code>[A-Z2-7]{16,}</code>", page)
    wrong = client.post(
        response["Location"], {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert "確認コードが合いません" in wrong.content.decode()
    # django-otp slows down guessing: right after a miss even the right code waits
    throttled = client.post(response["Location"], {"token": _code(device)})
    assert "少しのあいだ確認できません" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(response["Location"], {"token": _code(device)})
    # Registered: the one-time recovery codes are shown once, then on to where she was going.
    assert "回復用コード" in ok.content.decode()
    assert 'href="/partners/staff/"' in ok.content.decode()
    assert client.get("/partners/staff/").status_code == 200


def test_it_asks_an_admin_with_an_authenticator_for_the_code_every_time(client, alice, password):
    device = TOTPDevice.objects.create(user=alice, name="phone", confirmed=True)
    response = _login(client, alice, password, next_url="/partners/home/")
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    assert client.get("/partners/home/")["Location"].startswith("/accounts/two-factor/verify/")
    # public pages stay open while the second step is pending
    assert client.get("/partners/").status_code == 200
    bad = client.post(response["Location"], {"token": "12ab"})
    assert "6桁の数字を入力してください" in bad.content.decode()
    ok = client.post(response["Location"], {"token": _code(device)})
    assert ok["Location"] == "/partners/home/"
    assert client.get("/partners/home/").status_code == 200


def test_it_does_not_follow_a_next_address_to_another_site(client, plain_user, password):
    response = _login(client, plain_user, password, next_url="https://evil.example.com/")
    assert response["Location"] == "/"


def test_it_locks_login_after_repeated_failures(client, bob, password, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        client.post("/accounts/login/", {"username": "bob", "password": "wrong-password"})
    locked = client.post("/accounts/login/", {"username": "bob", "password": password})
    assert locked.status_code == 429
    assert "しばらくログインできません" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_shows_a_wrong_password_as_a_plain_message(client, bob):
    response = client.post("/accounts/login/", {"username": "bob", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_it_resets_a_password_by_mail_through_the_outbox(client, bob, smtp_server):  # noqa: F811
    response = client.post("/accounts/password-reset/", {"email": bob.email})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert Message.objects.get().to == bob.email
    call_command("send_outbox")
    [mail] = smtp_server.messages
    assert mail["Subject"].strip() == "【つながり】パスワードの再設定"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"https?://[^/\s]+(/accounts/password-reset/[^\s]+/)", body)
    assert found, body
    path = found.group(1)
    form = client.get(path, follow=True)
    assert "新しいパスワード" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "atarashii-aikotoba-9", "new_password2": "atarashii-aikotoba-9"},
    )
    assert done["Location"] == "/accounts/password-reset/done/"
    bob.refresh_from_db()
    assert bob.check_password("atarashii-aikotoba-9")


def test_it_does_not_tell_whether_an_address_is_registered(client, db):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert Message.objects.count() == 0


def test_it_signs_out_after_the_idle_time(client, bob, settings):
    settings.SESSION_IDLE_SECONDS = 60
    signed_in(client, bob)
    assert client.get("/partners/home/").status_code == 200
    session = client.session
    session["last_seen"] = session["last_seen"] - 61
    session.save()
    response = client.get("/partners/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_keeps_an_active_session(client, bob, settings):
    settings.SESSION_IDLE_SECONDS = 60
    signed_in(client, bob)
    client.get("/partners/home/")
    session = client.session
    session["last_seen"] = session["last_seen"] - 59
    session.save()
    assert client.get("/partners/home/").status_code == 200


def test_it_signs_out_on_post_only(client, bob):
    signed_in(client, bob)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/partners/home/").status_code == 302
