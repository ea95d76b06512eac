import re

import pytest
from django.core.management import call_command, get_commands

from tsunagari.directory.models import Organization, Service
from tsunagari.gatherings.models import Gathering, GatheringState

pytestmark = pytest.mark.django_db

PHONE = re.compile(r"\d{2,4}-\d{2,4}-\d{3,4}")


def test_it_loads_obviously_fictional_gatherings_once(capsys):
    call_command("load_demo_gatherings")
    call_command("load_demo_gatherings")
    gatherings = list(Gathering.objects.select_related("organization", "service"))
    assert len(gatherings) == 6
    for gathering in gatherings:
        assert gathering.title.startswith("（デモ）")
        assert gathering.place_name.startswith("（デモ）")
        assert gathering.address_text == ""
        assert gathering.organization.is_demo and gathering.organization.name.startswith("（デモ）")
        assert gathering.state == GatheringState.PUBLISHED
        assert gathering.service is not None and "connection" in gathering.service.need_codes
        text = " ".join([gathering.description, gathering.cost, gathering.accessibility])
        assert not PHONE.search(text)
    assert Service.objects.filter(name__startswith="（デモ）").count() == 6
    assert "6 created" in capsys.readouterr().out


def test_it_goes_away_with_the_demo_organisations():
    call_command("load_demo_gatherings")
    if "remove_demo" in get_commands():
        call_command("remove_demo")
    else:
        Organization.objects.filter(is_demo=True).delete()
    assert not Gathering.objects.exists()
    assert not Service.objects.filter(name__startswith="（デモ）").exists()


def test_it_refuses_to_add_demo_data_to_a_real_organisation():
    Organization.objects.create(name="（デモ）ひだまりの会", is_demo=False)
    with pytest.raises(ValueError):
        call_command("load_demo_gatherings")
    assert not Gathering.objects.exists()
