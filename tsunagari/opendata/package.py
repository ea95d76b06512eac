"""The export on disk: HSDS tabular CSV files with ``datapackage.json``, and the fully
nested JSON in ``json/``. Reading checks every file against the HSDS 3.1 schemas and stops
at the first problem, naming the file and the place (row and column, or JSON pointer)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tsunagari.directory.importers.notalone import SOURCE_NAME as NOTALONE_CREDIT
from tsunagari.directory.importers.notalone import SOURCE_URL as NOTALONE_URL
from tsunagari.opendata import validation
from tsunagari.opendata.hsds import HSDS_VERSION, Dataset

# The HSDS tables Tsunagari writes, in the order of the tabular package.
TABLES = [
    "organization",
    "service",
    "location",
    "service_at_location",
    "phone",
    "address",
    "schedule",
    "service_area",
    "language",
    "accessibility",
    "attribute",
    "taxonomy_term",
    "taxonomy",
]
JSON_FILES = {
    "json/services.json": "service.json",
    "json/organizations.json": "organization.json",
    "json/taxonomies.json": "taxonomy.json",
    "json/taxonomy_terms.json": "taxonomy_term.json",
}
INTEGER = re.compile(r"-?\d+")


class Refused(Exception):
    """The package is not valid HSDS; ``where`` names the file and place of the first error."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@cache
def table_schema(table: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (validation.SCHEMA_DIR / f"{table}.json").read_text(encoding="utf-8")
    )
    return schema


def table_path(table: str) -> str:
    return str(table_schema(table)["path"])


def columns(table: str) -> list[str]:
    """The table's flat fields, in the schema's order (arrays and nested objects are other tables)."""
    return [
        name
        for name, spec in table_schema(table)["properties"].items()
        if spec.get("type") in ("string", "number", "integer", "boolean")
    ]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(path: Path, table: str, rows: Iterable[dict[str, Any]]) -> int:
    names = columns(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    count = 0
    for row in rows:
        unknown = set(row) - set(names)
        assert not unknown, (table, unknown)  # noqa: S101 — a mapping bug, never user input
        writer.writerow([_cell(row.get(name)) for name in names])
        count += 1
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return count


def _field(table: str, name: str) -> dict[str, Any]:
    spec = table_schema(table)["properties"][name]
    field: dict[str, Any] = {"name": name, "type": spec["type"]}
    if spec.get("format") in ("uri", "email", "uuid"):
        field["format"] = spec["format"]
    if spec.get("datapackage_type"):
        field["type"] = spec["datapackage_type"]
    if name in table_schema(table).get("required", []):
        field["constraints"] = {"required": True}
    return field


def credits(dataset: Dataset) -> list[dict[str, str]]:
    """The data's credits: the 2021 national list's line as its licence asks, then every
    source a contact fact in the export came from, with its date."""
    records = [*dataset.services, *dataset.phones, *dataset.locations, *dataset.organizations]
    sources = [{"title": NOTALONE_CREDIT, "path": NOTALONE_URL}]
    seen = {NOTALONE_CREDIT}
    for record in sorted(records, key=lambda r: (r.source_name, r.source_url, r.source_date)):
        if record.source_name == NOTALONE_CREDIT:
            continue
        title = " ".join(part for part in (record.source_name, record.source_url) if part)
        if not title:
            continue
        if record.source_date:
            title = f"{title}（{record.source_date}）"
        if title not in seen:
            seen.add(title)
            sources.append({"title": title})
    return sources


def write_package(out: Path, dataset: Dataset) -> dict[str, int]:
    """Write the CSV tables, the JSON files and ``datapackage.json``; counts per file."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "json").mkdir(exist_ok=True)
    counts: dict[str, int] = {}
    resources: list[dict[str, Any]] = []
    tables = dataset.tables()
    for table in TABLES:
        path = table_path(table)
        counts[path] = write_csv(out / path, table, tables[table])
        resources.append(
            {
                "name": table,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [_field(table, c) for c in columns(table)],
                    "primaryKey": "id",
                },
            }
        )
    nested = {
        "json/services.json": list(dataset.nested_services()),
        "json/organizations.json": list(dataset.nested_organizations()),
        "json/taxonomies.json": tables["taxonomy"],
        "json/taxonomy_terms.json": tables["taxonomy_term"],
    }
    for path, items in nested.items():
        (out / path).write_text(
            json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        counts[path] = len(items)
        resources.append(
            {
                "name": path.removeprefix("json/").removesuffix(".json") + "_nested",
                "path": path,
                "profile": "data-resource",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            }
        )
    newest = max((s.updated_at for s in dataset.services), default=None)
    package = {
        "profile": "tabular-data-package",
        "name": "tsunagari-sakai-hsds",
        "title": "つながり 堺市の相談先（HSDS 3.1）",
        "description": (
            "堺市の孤独・孤立の相談先と制度（公開中で、デモではないものだけ）。"
            "各レコードの出典・日付・確かさは attributes.csv に分類 tsunagari の用語として入っています。"
        ),
        "version": HSDS_VERSION,
        "created": newest.isoformat() if newest else "",
        "sources": credits(dataset),
        "resources": resources,
    }
    (out / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return counts


# --- reading ----------------------------------------------------------------------------


@dataclass
class Row:
    where: str  # "services.csv の 3 行目"
    values: dict[str, Any]


def _typed(table: str, name: str, text: str) -> Any:
    kind = table_schema(table)["properties"][name]["type"]
    if kind in ("number", "integer"):
        return int(text) if INTEGER.fullmatch(text) else float(text)
    if kind == "boolean":
        return text == "true"
    return text


def read_csv(source: Path, table: str) -> list[Row]:
    path = table_path(table)
    file = source / path
    if not file.exists():
        raise Refused(path, _("ファイルがありません。"))
    names = columns(table)
    required = set(table_schema(table).get("required", []))
    rows: list[Row] = []
    with file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        unknown = [name for name in header if name not in names]
        if unknown:
            raise Refused(
                _("%(file)s の 1 行目") % {"file": path},
                _("列「%(column)s」は HSDS の %(table)s にありません。")
                % {"column": unknown[0], "table": table},
            )
        for number, cells in enumerate(reader, start=2):
            where = _("%(file)s の %(line)d 行目") % {"file": path, "line": number}
            if len(cells) != len(header):
                raise Refused(
                    where,
                    _("列の数が見出しと違います（%(found)d 列、見出しは %(expected)d 列）。")
                    % {"found": len(cells), "expected": len(header)},
                )
            values: dict[str, Any] = {}
            for name, text in zip(header, cells, strict=True):
                if text == "" and name not in required:
                    continue
                try:
                    values[name] = _typed(table, name, text)
                except ValueError:
                    raise Refused(
                        f"{where} {name}", _("数でなければなりません: %(value)s") % {"value": text}
                    ) from None
            problem = validation.first_problem(values, validation.entity_schema(f"{table}.json"))
            if problem:
                column = problem.pointer.strip("/") or _describe_missing(problem.message)
                raise Refused(f"{where} {column}".strip(), problem.message)
            rows.append(Row(where, values))
    return rows


def _describe_missing(message: str) -> str:
    match = re.match(r"'(\w+)' is a required property", message)
    return match.group(1) if match else ""


def read_package(source: Path) -> dict[str, list[Row]]:
    """Every table, checked; every JSON file, checked. Raises :class:`Refused`."""
    if not (source / "datapackage.json").exists():
        raise Refused(
            "datapackage.json",
            _("ファイルがありません。HSDS の書き出しフォルダを指定してください。"),
        )
    try:
        package = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    except ValueError as error:
        raise Refused(
            "datapackage.json", _("JSON として読めません: %(error)s") % {"error": error}
        ) from None
    paths = {r.get("path") for r in package.get("resources", []) if isinstance(r, dict)}
    for table in TABLES:
        if table_path(table) not in paths:
            raise Refused(
                "datapackage.json",
                _("resources に %(file)s がありません。") % {"file": table_path(table)},
            )
    tables = {table: read_csv(source, table) for table in TABLES}
    for path, entity in JSON_FILES.items():
        if path not in paths:
            continue
        file = source / path
        if not file.exists():
            raise Refused(path, _("ファイルがありません。"))
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as error:
            raise Refused(path, _("JSON として読めません: %(error)s") % {"error": error}) from None
        problem = validation.first_problem(data, validation.list_schema(entity))
        if problem:
            raise Refused(f"{path} {problem.pointer or '/'}", problem.message)
    return tables
