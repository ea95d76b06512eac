"""The platform's named people (alice, bob, charlie, org_a, org_b from partners) and a gathering of org A."""

from datetime import date, time
from typing import Any

import pytest

from tsunagari.directory.models import Organization, TaxonomyTerm
from tsunagari.gatherings.models import Gathering, GatheringKind, Recurrence
from tsunagari.partners.tests.conftest import (  # noqa: F401 (fixtures)
    alice,
    bob,
    charlie,
    make_org,
    org_a,
    org_b,
    signed_in,
)

__all__ = ["make_gathering", "signed_in", "make_org"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_gathering(organization: Organization, **extra: Any) -> Gathering:
    fields: dict[str, Any] = {
        "title": "（テスト）ひだまりサロン",
        "kind": GatheringKind.SALON,
        "recurrence": Recurrence.WEEKLY,
        "weekday": "TU",
        "starts_on": date(2026, 12, 1),
        "start_time": time(10, 0),
        "end_time": time(12, 0),
        "ward": "sakai",
        "place_name": "（テスト）○○集会所",
        "cost": "100円",
        "newcomers_welcome_alone": True,
        # The rule alone; tests of holiday skipping turn it on.
        "skips_holidays": False,
    }
    fields.update(extra)
    gathering = Gathering.objects.create(organization=organization, **fields)
    gathering.audiences.set(TaxonomyTerm.objects.filter(taxonomy="audience", code="elderly"))
    return gathering


@pytest.fixture
def salon(org_a: Organization) -> Gathering:  # noqa: F811
    return make_gathering(org_a)
