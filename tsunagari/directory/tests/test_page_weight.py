"""Each public page stays under 60 KB (HTML + CSS + JS, before images), for old phones on slow lines."""

import re

import pytest
from django.contrib.staticfiles import finders

from tsunagari.directory.tests.factories import make_service

pytestmark = pytest.mark.django_db
BUDGET = 60 * 1024


def page_weight(client, path: str) -> int:
    html = client.get(path).content
    total = len(html)
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        found = finders.find(asset.decode())
        assert found, asset
        with open(found, "rb") as handle:
            total += len(handle.read())
    return total


@pytest.mark.parametrize("kind", ["home", "service", "need", "search"])
def test_it_keeps_each_public_page_under_60_kb(client, kind):
    service = make_service("（テスト）こころの相談", all_day=True, description="説明" * 200)
    path = {
        "home": "/",
        "service": f"/services/{service.pk}/",
        "need": "/needs/mental/",
        "search": "/search/?q=こころ",
    }[kind]
    weight = page_weight(client, path)
    print(f"page weight {kind}: {weight} bytes")
    assert weight < BUDGET
