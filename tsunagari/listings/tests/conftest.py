"""alice (org A admin), bob (org A member), charlie (org B admin), a listing of org A."""

from datetime import date
from typing import Any

import pytest

from tsunagari.directory.models import Attribute, Organization, ReviewStatus, Service, TaxonomyTerm
from tsunagari.gatherings.tests.conftest import (  # noqa: F401 (fixtures)
    _fast_passwords,
    alice,
    bob,
    charlie,
    org_a,
    org_b,
    signed_in,
)

__all__ = ["make_listing", "signed_in"]


def make_listing(organization: Organization, **extra: Any) -> Service:
    fields: dict[str, Any] = {
        "name": "（テスト）こころの相談室",
        "description": "話を聞きます。",
        "review_status": ReviewStatus.PUBLISHED,
        "assured_date": date(2026, 6, 1),
    }
    fields.update(extra)
    service = Service.objects.create(organization=organization, **fields)
    term, _ = TaxonomyTerm.objects.get_or_create(
        taxonomy="need", code="mental", defaults={"name": "こころの不調"}
    )
    Attribute.objects.create(service=service, taxonomy_term=term)
    return service


@pytest.fixture
def listing(org_a: Organization) -> Service:  # noqa: F811
    return make_listing(org_a)
