"""Every endpoint's answers validate against the HSDS 3.1 schemas, unknown fields being
errors. The responses validated are counted (printed at the end of the module)."""

import json
from typing import Any

import pytest

from tsunagari.opendata import validation
from tsunagari.opendata.hsds import taxonomy_id
from tsunagari.opendata.tests.conftest import Seed

pytestmark = pytest.mark.django_db

VALIDATED: list[str] = []

LISTS = {
    "/api/hsds/services": "compiled/service_list.json",
    "/api/hsds/organizations": "organization.json",
    "/api/hsds/taxonomies": "taxonomy.json",
    "/api/hsds/taxonomy_terms": "taxonomy_term.json",
    "/api/hsds/service_at_locations": "service_at_location.json",
}


def valid(client: Any, url: str, schema: dict[str, Any], **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.content[:300])
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    problem = validation.first_problem(data, schema)
    assert problem is None, (url, params, str(problem))
    VALIDATED.append(url)
    return data


def test_it_answers_the_root_with_version_profile_and_openapi_url(client):
    data = valid(client, "/api/hsds/", validation.root_schema())
    assert data["version"] == "3.1"
    assert data["openapi_url"] == "http://testserver/api/hsds/openapi.json"


@pytest.mark.parametrize("url", list(LISTS))
def test_it_validates_every_page_of_every_list(client, seed: Seed, url):
    schema = validation.page_schema(LISTS[url])
    first = valid(client, url, schema, per_page=1)
    assert first["first_page"] is True and first["page_number"] == 1 and first["size"] == 1
    for page in range(2, first["total_pages"] + 1):
        data = valid(client, url, schema, per_page=1, page=page)
        assert data["last_page"] is (page == first["total_pages"])
    everything = valid(client, url, schema, per_page=200)
    assert everything["size"] == everything["total_items"] == first["total_items"]


def test_it_validates_every_filtered_list(client, seed: Seed):
    money = seed.scheme.terms.get().pk
    city = seed.desk.organization_id
    filters: list[dict[str, Any]] = [
        {"search": "相談"},
        {"search": "存在しないことば"},
        {"taxonomy_term_id": money},
        {"taxonomy_id": taxonomy_id("need")},
        {"organization_id": city},
        {"modified_after": "2020-01-01"},
        {"modified_after": "2999-01-01T00:00:00+09:00"},
        {"search": "相談", "taxonomy_term_id": money, "organization_id": city},
    ]
    for url in ("/api/hsds/services", "/api/hsds/service_at_locations"):
        for params in filters:
            valid(client, url, validation.page_schema(LISTS[url]), **params)
    for params in filters[:4] + filters[5:7]:
        valid(
            client, "/api/hsds/organizations", validation.page_schema("organization.json"), **params
        )
    terms = validation.page_schema("taxonomy_term.json")
    valid(client, "/api/hsds/taxonomy_terms", terms, taxonomy_id=taxonomy_id("tsunagari"))
    valid(client, "/api/hsds/taxonomies", validation.page_schema("taxonomy.json"), search="need")


def test_it_validates_every_service_and_organization_fully_nested(client, seed: Seed):
    listed = valid(
        client, "/api/hsds/services", validation.page_schema(LISTS["/api/hsds/services"])
    )
    for item in listed["contents"]:
        valid(client, f"/api/hsds/services/{item['id']}", validation.entity_schema("service.json"))
    orgs = valid(client, "/api/hsds/organizations", validation.page_schema("organization.json"))
    for item in orgs["contents"]:
        valid(
            client,
            f"/api/hsds/organizations/{item['id']}",
            validation.entity_schema("organization.json"),
        )
    assert {item["id"] for item in listed["contents"]} == {str(s.pk) for s in seed.public}


def test_it_would_see_a_field_hsds_does_not_name():
    """The check is strict: an extra field anywhere, even deep inside, is an error."""
    service = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active"}
    schema = validation.entity_schema("service.json")
    assert validation.first_problem(service, schema) is None
    deep = service | {"phones": [{"id": service["id"], "number": "000", "source": "x"}]}
    problem = validation.first_problem(deep, schema)
    assert problem is not None and problem.pointer == "/phones/0"
    assert "source" in problem.message
    wrong = service | {"email": "not an address"}
    assert validation.first_problem(wrong, schema) is not None
    page = validation.page_schema("taxonomy.json")
    assert validation.first_problem({"contents": []}, page) is not None  # page fields required


def test_it_reports_how_many_responses_it_validated(capsys):
    # Runs last in this module (pytest keeps file order).
    with capsys.disabled():
        print(f"\n[opendata] HSDS API responses validated against the schemas: {len(VALIDATED)}")
    assert len(VALIDATED) >= 40
