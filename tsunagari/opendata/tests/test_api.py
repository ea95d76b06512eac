"""What a developer using the HSDS API notices: only public, real listings; filters that
combine; clear errors in Japanese and English; an OpenAPI document that matches."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tsunagari.directory.models import Service
from tsunagari.opendata.hsds import extension_term_id, taxonomy_id
from tsunagari.opendata.tests.conftest import Seed

pytestmark = pytest.mark.django_db


def get(client: Any, url: str, **params: Any) -> tuple[int, Any]:
    response = client.get(url, params)
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.status_code, json.loads(response.content)


def names(data: dict[str, Any]) -> set[str]:
    return {item["name"] for item in data["contents"]}


@pytest.mark.parametrize("demo_mode", [False, True])
def test_it_publishes_only_public_published_real_listings(client, seed: Seed, settings, demo_mode):
    settings.DEMO_MODE = demo_mode
    status, data = get(client, "/api/hsds/services")
    assert status == 200
    assert names(data) == {s.name for s in seed.public}
    for hidden in (seed.demo, seed.pending, seed.retired):
        status, error = get(client, f"/api/hsds/services/{hidden.pk}")
        assert status == 404
        assert error["error"]["message"]["ja"] == "この id で公開されている相談先はありません。"
    _, orgs = get(client, "/api/hsds/organizations")
    assert "（デモ）架空の団体" not in names(orgs)
    _, sals = get(client, "/api/hsds/service_at_locations")
    assert [item["service_id"] for item in sals["contents"]] == [str(seed.desk.pk)]


def test_it_combines_the_filters_with_and(client, seed: Seed):
    money = str(seed.scheme.terms.get().pk)
    url = "/api/hsds/services"
    assert names(get(client, url, taxonomy_term_id=money)[1]) == {seed.desk.name, seed.scheme.name}
    org = str(seed.desk.organization_id)
    assert names(get(client, url, taxonomy_term_id=money, organization_id=org)[1]) == {
        seed.desk.name
    }
    assert names(get(client, url, search="給付", taxonomy_term_id=money)[1]) == {seed.scheme.name}
    assert names(get(client, url, search="給付", organization_id=org)[1]) == set()
    # katakana and full-width are folded like the site's own search
    assert names(get(client, url, search="ＥＮＧＬＩＳＨ ")[1]) == set()
    assert seed.line.name in names(get(client, url, search="ココロ")[1])


def test_it_lists_what_changed_after_a_moment(client, seed: Seed):
    moment = timezone.now() + timedelta(seconds=1)
    Service.objects.filter(pk=seed.line.pk).update(updated_at=moment + timedelta(hours=1))
    _, data = get(client, "/api/hsds/services", modified_after=moment.isoformat())
    assert names(data) == {seed.line.name}
    # a date without a time is the start of that day in Tokyo
    _, data = get(client, "/api/hsds/services", modified_after=timezone.localdate().isoformat())
    assert names(data) == {s.name for s in seed.public}


@pytest.mark.parametrize(
    ("params", "parameter", "japanese"),
    [
        ({"page": "0"}, "page", "page は 1 以上の整数で指定してください。"),
        ({"page": "two"}, "page", "page は 1 以上の整数で指定してください。"),
        ({"page": "9"}, "page", "page は 1 までです。"),
        ({"per_page": "1000"}, "per_page", "per_page は 1 から 200 までの整数で指定してください。"),
        ({"taxonomy_term_id": "mental"}, "taxonomy_term_id", "taxonomy_term_id は UUID"),
        ({"organization_id": "1"}, "organization_id", "organization_id は UUID"),
        ({"modified_after": "昨日"}, "modified_after", "modified_after は ISO 8601"),
        ({"search": "あ" * 101}, "search", "search は 100 文字までにしてください。"),
        ({"format": "ndjson"}, "format", "format は json だけに対応しています。"),
        (
            {"taxonomy_id": "3f0e1c32-0000-4000-8000-000000000000"},
            "taxonomy_id",
            "分類はありません",
        ),
        ({"serch": "相談"}, "serch", "「serch」はこの一覧では使えません。"),
    ],
)
def test_it_refuses_a_bad_parameter_with_a_message_in_two_languages(
    client, seed: Seed, params, parameter, japanese
):
    status, data = get(client, "/api/hsds/services", **params)
    assert status == 400
    error = data["error"]
    assert error["status"] == 400 and error["parameter"] == parameter
    assert japanese in error["message"]["ja"]
    assert error["message"]["en"]


def test_it_refuses_filters_a_list_does_not_have(client, seed: Seed):
    status, data = get(client, "/api/hsds/organizations", organization_id=str(seed.desk.pk))
    assert status == 400 and data["error"]["parameter"] == "organization_id"
    status, data = get(client, "/api/hsds/taxonomies", modified_after="2026-01-01")
    assert status == 400


def test_it_answers_unknown_ids_with_json(client, seed: Seed):
    for url in ("/api/hsds/services/not-an-id", "/api/hsds/organizations/" + str(seed.demo.pk)):
        status, data = get(client, url)
        assert status == 404 and data["error"]["message"]["ja"]


def test_it_carries_the_credits_and_the_sources_of_contact_facts(client, seed: Seed):
    _, scheme = get(client, f"/api/hsds/services/{seed.scheme.pk}")
    facts = {a["link_type"]: a["value"] for a in scheme["attributes"] if "link_type" in a}
    assert facts["source_name"].startswith("内閣官房孤独・孤立対策担当室『あなたはひとりじゃない』")
    assert facts["source_date"] == "2021-11"
    _, line = get(client, f"/api/hsds/services/{seed.line.pk}")
    [phone] = line["phones"]
    sourced = {a["link_type"]: a for a in phone["attributes"]}
    assert sourced["source_url"]["value"] == "example.org/test"
    assert sourced["source_date"]["value"] == "2026-11-01"
    assert sourced["confidence"]["taxonomy_term_id"] == extension_term_id("confidence")
    _, terms = get(client, "/api/hsds/taxonomy_terms", taxonomy_id=taxonomy_id("tsunagari"))
    assert "source_date" in {t["code"] for t in terms["contents"]}
    document = json.loads(client.get("/api/hsds/openapi.json").content)
    assert "『あなたはひとりじゃない』" in document["info"]["description"]


def test_it_nests_a_desk_with_its_place_hours_and_area(client, seed: Seed):
    _, desk = get(client, f"/api/hsds/services/{seed.desk.pk}")
    assert desk["organization"]["name"] == "（テスト）堺市"
    [sal] = desk["service_at_locations"]
    location = sal["location"]
    assert location["addresses"][0]["address_1"] == "（テスト）堺区○○町1-1"
    assert location["latitude"] == pytest.approx(34.573)
    assert sal["schedules"][0]["byday"] == "SA"
    weekly = [s for s in desk["schedules"] if "valid_from" not in s]
    assert weekly[0]["opens_at"] == "09:00+09:00" and weekly[0]["closes_at"] == "17:30+09:00"
    assert desk["service_areas"][0]["name"] == "堺区"
    _, line = get(client, f"/api/hsds/services/{seed.line.pk}")
    [all_day] = line["schedules"]
    assert (all_day["opens_at"], all_day["closes_at"]) == ("00:00+09:00", "23:59+09:00")


def test_it_describes_itself_with_an_openapi_document(client):
    response = client.get("/api/hsds/openapi.json")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    expected = {
        "/",
        "/services",
        "/services/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomy_terms",
        "/service_at_locations",
    }
    assert set(document["paths"]) == expected
    params = {
        p["$ref"].rsplit("/", 1)[1] for p in document["paths"]["/services"]["get"]["parameters"]
    }
    assert {"search", "taxonomy_term_id", "organization_id", "modified_after", "page"} <= params
    # every schema it points at is served
    refs = json.dumps(document)
    served = {part.split('"')[0] for part in refs.split("http://testserver")[1:]}
    schemas = {ref for ref in served if "/schemas/" in ref}
    assert len(schemas) == 6
    for ref in schemas:
        assert client.get(ref).status_code == 200, ref
