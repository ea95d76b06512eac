"""export_hsds writes what the API publishes, as files; import_hsds reads them back without
losing anything, and refuses a file that does not validate without writing anything."""

import csv
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tsunagari.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tsunagari.opendata import validation
from tsunagari.opendata.package import JSON_FILES, TABLES, columns, table_path
from tsunagari.opendata.tests.conftest import Seed

pytestmark = pytest.mark.django_db

MODELS = [
    Organization,
    Service,
    Location,
    Address,
    ServiceAtLocation,
    Phone,
    Schedule,
    Language,
    Accessibility,
    Attribute,
    TaxonomyTerm,
]


def export(tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    call_command("export_hsds", "--out", str(out))
    return out


def files(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def snapshot() -> dict[str, list[dict]]:
    """Every field of every directory row a round trip must keep (but the staff-only ones
    that open data never carries)."""
    staff_only = {"import_key", "source_note", "assurer_email", "retired_reason"}
    rows = {}
    for model in MODELS:
        names = [f.attname for f in model._meta.concrete_fields if f.name not in staff_only]
        rows[model.__name__] = sorted(
            (
                dict(zip(names, values, strict=True))
                for values in model._default_manager.values_list(*names)
            ),
            key=lambda row: str(row["id"]),
        )
    return rows


def empty_the_directory() -> None:
    for model in MODELS:
        model._default_manager.all().delete()


def test_it_writes_csv_tables_a_datapackage_and_nested_json_that_validate(tmp_path, seed: Seed):
    out = export(tmp_path, "hsds")
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {table_path(t) for t in TABLES} | set(
        JSON_FILES
    )
    with (out / "services.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == columns("service")
    assert {row["name"] for row in rows} == {s.name for s in seed.public}
    for path, entity in JSON_FILES.items():
        data = json.loads((out / path).read_text(encoding="utf-8"))
        assert validation.first_problem(data, validation.list_schema(entity)) is None, path
    # the credits: the 2021 list's line as its licence asks, and each contact fact's source
    titles = [source["title"] for source in package["sources"]]
    assert titles[0].startswith("内閣官房孤独・孤立対策担当室『あなたはひとりじゃない』")
    assert "テスト用の出典 example.org/test（2026-11-01）" in titles
    attributes = (out / "attributes.csv").read_text(encoding="utf-8")
    assert "source_date" in attributes and "2026-11-01" in attributes


def test_it_leaves_out_what_the_public_cannot_see(tmp_path, seed: Seed):
    out = export(tmp_path, "hsds")
    text = "".join(b.decode("utf-8") for b in files(out).values())
    for hidden in (seed.demo, seed.pending, seed.retired):
        assert hidden.name not in text and str(hidden.pk) not in text
    assert "（デモ）架空の団体" not in text


def test_it_reads_its_own_export_back_without_losing_anything(tmp_path, seed: Seed):
    for hidden in (seed.demo, seed.pending, seed.retired):
        hidden.delete()  # not exported, so not expected back
    Organization.objects.filter(services__isnull=True).delete()
    before = snapshot()
    first = export(tmp_path, "first")
    empty_the_directory()
    call_command("import_hsds", str(first))
    assert snapshot() == before
    second = export(tmp_path, "second")
    assert files(second) == files(first)


def test_it_matches_terms_by_code_in_a_directory_that_has_its_own(tmp_path, seed: Seed):
    out = export(tmp_path, "hsds")
    ids_before = {(t.taxonomy, t.code): t.pk for t in TaxonomyTerm.objects.all()}
    Service.objects.all().delete()
    call_command("import_hsds", str(out))
    assert {(t.taxonomy, t.code): t.pk for t in TaxonomyTerm.objects.all()} == ids_before
    desk = Service.objects.get(pk=seed.desk.pk)
    assert sorted(desk.need_codes) == ["housing", "money"]
    assert desk.ward == "sakai" and desk.closes_on_public_holidays
    assert desk.phones.get().source_date == "2026-11-01"


def _edit_csv(path: Path, line: int, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def _refused(out: Path) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("import_hsds", str(out))
    message = str(raised.value)
    assert "何も書き込んでいません" in message
    return message


@pytest.fixture
def exported(tmp_path, seed: Seed) -> Path:
    out = export(tmp_path, "hsds")
    empty_the_directory()
    return out


def test_it_refuses_a_bad_cell_naming_file_line_and_column(exported: Path):
    _edit_csv(exported / "services.csv", 3, "email", "not-an-address")
    message = _refused(exported)
    assert "services.csv の 3 行目 email" in message
    assert snapshot() == {model.__name__: [] for model in MODELS}


def test_it_refuses_a_column_hsds_does_not_have(exported: Path):
    text = (exported / "phones.csv").read_text(encoding="utf-8")
    (exported / "phones.csv").write_text(text.replace("id,", "id,source,", 1), encoding="utf-8")
    assert "phones.csv の 1 行目" in _refused(exported)


def test_it_refuses_a_nested_json_file_with_an_unknown_field(exported: Path):
    path = exported / "json" / "services.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data[1]["phones"] = [{"id": data[1]["id"], "number": "000", "note": "x"}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    message = _refused(exported)
    assert "json/services.json /1/phones/0" in message and "note" in message


def test_it_writes_nothing_when_a_late_row_is_wrong(exported: Path):
    """Organisations and services come first; a wrong Sakai ward in the last table must
    still leave the directory untouched."""
    path = exported / "attributes.csv"
    text = path.read_text(encoding="utf-8")
    assert ",ward,address," in text
    path.write_text(text.replace(",sakai,\n", ",tokyo,\n"), encoding="utf-8")
    message = _refused(exported)
    assert "attributes.csv の" in message and "tokyo" in message
    assert snapshot() == {model.__name__: [] for model in MODELS}


def test_it_refuses_a_folder_that_is_not_a_package(tmp_path, db):
    assert "datapackage.json" in _refused(tmp_path)
