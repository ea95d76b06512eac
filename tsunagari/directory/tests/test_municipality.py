"""The municipality key (decision 0030): the code table, and the migration that gave the
existing Sakai rows their codes."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tsunagari.directory import municipalities
from tsunagari.directory.models import Area
from tsunagari.directory.tests.factories import make_service

BEFORE = [("directory", "0006_source_note_longer_source_date")]
AFTER = [("directory", "0007_municipality")]


def test_the_code_table_passes_its_check() -> None:
    assert municipalities.check_table() == []
    assert municipalities.known()["271403"].name == "堺市"
    assert municipalities.prefecture_of("271403") == "270008"


def test_the_check_catches_a_wrong_check_digit(tmp_path: Path) -> None:
    table = tmp_path / "municipalities.tsv"
    table.write_text("code\tname\tprefecture\n270008\t大阪府\t\n271404\t誤り\t270008\n")
    problems = municipalities.check_table(table)
    assert len(problems) == 1 and "271404" in problems[0]


@pytest.mark.django_db
def test_a_code_not_in_the_table_is_refused_in_forms() -> None:
    service = make_service("（テスト）窓口", area=Area.CITY)
    service.municipality = "131041"  # a real code (新宿区), but not one this site serves
    with pytest.raises(ValidationError):
        service.full_clean()


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_rows_sakais_or_the_prefectures_code() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organization = apps.get_model("directory", "Organization")
    Service = apps.get_model("directory", "Service")
    sakai = Organization.objects.create(name="（テスト）堺の団体")
    country = Organization.objects.create(name="（テスト）国の団体")
    for name, area, org in (
        ("（テスト）市の窓口", "city", sakai),
        ("（テスト）区の窓口", "ward", sakai),
        ("（テスト）府の窓口", "prefecture", sakai),
        ("（テスト）全国の電話", "national", country),
    ):
        Service.objects.create(name=name, area=area, organization=org)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Service = apps.get_model("directory", "Service")
    Organization = apps.get_model("directory", "Organization")
    codes = dict(Service.objects.values_list("name", "municipality"))
    assert codes == {
        "（テスト）市の窓口": "271403",
        "（テスト）区の窓口": "271403",
        "（テスト）府の窓口": "270008",
        "（テスト）全国の電話": "",
    }
    orgs = dict(Organization.objects.values_list("name", "municipality"))
    assert orgs == {"（テスト）堺の団体": "271403", "（テスト）国の団体": ""}
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
