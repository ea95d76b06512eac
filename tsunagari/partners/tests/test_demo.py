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
