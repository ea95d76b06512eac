import re

import pytest
from django.core.management import call_command

from tsunagari.directory.models import Organization, Phone
from tsunagari.partners.models import Member, Notice, Offer, Partnership, Request, Sector

pytestmark = pytest.mark.django_db


def test_it_loads_obviously_fictional_members_once(client):
    call_command("load_demo")
    call_command("load_demo")
    demo = Organization.objects.filter(is_demo=True)
    assert demo.count() == 10
    assert all(org.name.startswith("（デモ）") for org in demo)
    assert Phone.objects.count() == 0
    assert (
        Offer.objects.count() == 5
        and Request.objects.count() == 4
        and Partnership.objects.count() == 4
    )
    assert len({m.sector for m in Member.objects.all()}) >= 8
    html = client.get("/partners/").content.decode()
    assert "デモ用の架空の団体" in html
    member_list = html[
        html.index('<ul class="list">') :
    ]  # the crisis strip above carries sourced numbers
    # a Japanese phone number starts with 0; the boundaries keep UUIDs in links from matching
    assert not re.search(r"(?<![\w-])0\d{1,4}-\d{1,4}-\d{3,4}(?![\w-])", member_list)


def test_it_finds_a_partner_in_another_sector_in_the_demo_set():
    from tsunagari.partners.matching import suggest_partners

    call_command("load_demo")
    request_ = Request.objects.get(title="（デモ）サロンの会場をさがしています")
    top = suggest_partners(request_)[0]
    assert top.member.sector != Sector.NPO
    assert top.organization.name == "（デモ）さかい○○商店会"


def test_it_removes_everything_demo_in_one_command_and_keeps_the_rest(org_a):
    call_command("load_demo")
    call_command("load_demo_gatherings")
    call_command("remove_demo")
    assert list(Organization.objects.all()) == [org_a]
    assert Offer.objects.count() == Request.objects.count() == Partnership.objects.count() == 0
    assert Notice.objects.count() == 0
    from tsunagari.gatherings.models import Gathering

    assert Gathering.objects.count() == 0


# --- issue 13: demo accounts, never in production ------------------------------------


def _code(secret: str) -> str:
    from base64 import b32decode

    from django_otp.oath import TOTP

    return f"{TOTP(b32decode(secret)).token():06d}"


def test_it_creates_demo_admin_accounts_printed_once_with_their_totp_secrets(client, settings):
    import io

    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", "--accounts", stdout=out)
    text = out.getvalue()
    passwords = re.findall(r"パスワード: (\S+)", text)
    secrets = re.findall(r"認証アプリの秘密の鍵: ([A-Z2-7]+)", text)
    assert len(passwords) == len(secrets) == 10
    assert "demo-01@example.org" in text
    # It signs in as the admin of its demo organisation, with two-factor.
    response = client.post(
        "/accounts/login/", {"username": "demo-01@example.org", "password": passwords[0]}
    )
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    done = client.post(response["Location"], {"token": _code(secrets[0])})
    assert done.status_code == 302
    org = Organization.objects.get(member__contact_email="demo-01@example.org")
    assert client.get(f"/partners/org/{org.pk}/").status_code == 200
    # A second run does not print (or change) the passwords again.
    again = io.StringIO()
    call_command("load_demo", "--accounts", stdout=again)
    assert "パスワード:" not in again.getvalue() and "もうあります" in again.getvalue()
    # remove_demo takes the accounts with it.
    from tsunagari.accounts.models import User

    call_command("remove_demo", stdout=io.StringIO())
    assert not User.objects.filter(username__startswith="demo-").exists()


def test_it_refuses_demo_accounts_when_debug_is_off(settings):
    from django.core.management.base import CommandError

    from tsunagari.accounts.models import User

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG が off"):
        call_command("load_demo", "--accounts")
    with pytest.raises(CommandError, match="DEBUG が off"):
        call_command("create_local_staff")
    assert not User.objects.exists()
    call_command("load_seed", "--no-demo")
    assert not Organization.objects.filter(is_demo=True).exists()


def test_it_prints_a_local_staff_account_that_signs_in_with_two_factor(client, settings):
    import io

    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_local_staff", "--email", "me@example.org", stdout=out)
    password = re.search(r"パスワード: (\S+)", out.getvalue())[1]  # type: ignore[index]
    secret = re.search(r"認証アプリの秘密の鍵: ([A-Z2-7]+)", out.getvalue())[1]  # type: ignore[index]
    response = client.post("/accounts/login/", {"username": "me@example.org", "password": password})
    client.post(response["Location"], {"token": _code(secret)})
    assert client.get("/partners/staff/").status_code == 200
