import pytest
from django.core.management import call_command

from tsunagari.directory.models import Phone, Service


@pytest.mark.django_db
def test_it_loads_the_seed_twice_without_duplicating_anything(capsys):
    call_command("load_seed")
    first = (Service.objects.count(), Phone.objects.count())
    call_command("load_seed")
    second = (Service.objects.count(), Phone.objects.count())
    assert first == second
    assert first[0] > 30  # the sourced lines and desks at least
    assert "load_directory" in capsys.readouterr().out
