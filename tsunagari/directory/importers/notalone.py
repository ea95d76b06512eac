"""notalone-2021.csv → national support schemes (Service, Area.NATIONAL).

The Cabinet Secretariat's 「あなたはひとりじゃない」 list as collected by Civichat
in November 2021. Credited as its licence asks, dated, and marked for
re-verification: some schemes (COVID-era measures) have ended, and staff retire
them. The file's tag columns are almost empty (only a broad "theme"), so the
need codes were decided by a person, scheme by scheme, from the name, the
summary and who it is for: ``data/notalone-tags.csv``.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext

from tsunagari.directory.importers.base import (
    ImportResult,
    Progress,
    Row,
    RowError,
    Tagger,
    check_codes,
    read_rows,
    require,
)
from tsunagari.directory.importers.same import duplicates, skip_duplicate
from tsunagari.directory.models import Area, Confidence, Organization, Service

COLUMNS = [
    "text",
    "service_id",
    "service_number",
    "origin_id",
    "alteration_flag",
    "provider",
    "prefecture_id",
    "city_id",
    "name",
    "abstract",
    "provisions",
    "target",
    "how_to_apply",
    "application_start_date",
    "application_close_date",
    "detail_url",
    "contact",
    "information_release_date",
    "tags",
    "theme",
    "category",
    "person_type",
    "entity_type",
    "keyword_type",
    "issue_type",
]
SOURCE_NAME = (
    "内閣官房孤独・孤立対策担当室『あなたはひとりじゃない』"
    "（2021年11月時点、Civichat 収集）を加工して作成"
)
SOURCE_URL = "https://github.com/Civichat/notalone-cas.go.jp"
SOURCE_DATE = "2021-11"
NO_PROVIDER = "所管組織の記載なし"

# What each scheme serves, decided by a person from its name, summary and who it is for,
# kept as data (name, needs, audiences, channels, note). A channel is given only where the
# 2021 text names a line of its own (a number or an SNS account): that makes it a desk.
TAGS_PATH = Path("data/notalone-tags.csv")
TAG_COLUMNS = ["name", "needs", "audiences", "channels", "note"]


def load_tags(path: Path | None = None) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """name → (needs, audiences, channels), every code checked; a bad row names its line."""
    path = path or Path(settings.BASE_DIR) / TAGS_PATH
    table = {}
    for row in read_rows(path, TAG_COLUMNS):
        require(path, row, "name", "needs")
        needs, audiences = row["needs"].split(), row["audiences"].split() or ["anyone"]
        channels = row["channels"].split()
        check_codes(path, row.line, needs=needs, audiences=audiences, channels=channels)
        table[row["name"]] = (needs, audiences, channels)
    return table


# The project's own copy, byte for byte the file in ../shared/data/national/, gzip-compressed
# (see data/README.md for why). A fresh clone loads the same directory without ../shared.
DEFAULT_PATH = Path("data/national/notalone-2021.csv.gz")


def default_path() -> Path:
    env = os.environ.get("NOTALONE_CSV")
    if env:
        return Path(env)
    return Path(settings.BASE_DIR) / DEFAULT_PATH


def _url(value: str) -> str:
    value = value.strip()
    try:
        URLValidator()(value)
    except ValidationError:
        return ""
    return value if len(value) <= 500 else ""


def _folded(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def sourced_contact_names() -> set[str]:
    """Lines that the sourced contacts file lists with a number: the 2021 copy of the same
    scheme would only show the person the same desk twice, once without its number."""
    path = Path(settings.BASE_DIR) / "data" / "contacts-sourced.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {_folded(row["name"]) for row in csv.DictReader(handle)}


def read_notalone(path: Path) -> list[Row]:
    return list(read_rows(path, COLUMNS, skip_after_header=2, loose_first_header=True))


def imported_names(path: Path) -> list[str]:
    """The names of the rows that :func:`import_notalone` keeps (no database needed)."""
    listed_with_number = sourced_contact_names()
    same = duplicates()
    return [
        row["name"]
        for row in read_notalone(path)
        if _folded(row["name"]) not in listed_with_number and f"notalone:{row['name']}" not in same
    ]


def import_notalone(path: Path, *, progress: Progress = lambda _: None) -> ImportResult:
    result = ImportResult(source=str(path))
    tagger = Tagger()
    tags = load_tags()
    listed_with_number = sourced_contact_names()
    same = duplicates()
    with transaction.atomic():
        rows = read_notalone(path)
        for index, row in enumerate(rows, start=1):
            if skip_duplicate(f"notalone:{row['name']}", same):
                progress(
                    gettext("  「%(name)s」は同じ相談先の行があるので省きました")
                    % {"name": row["name"]}
                )
                continue
            if _folded(row["name"]) in listed_with_number:
                Service.objects.filter(import_key=f"notalone:{row['name']}").delete()
                progress(
                    gettext("  「%(name)s」は電話の一覧にあるので省きました")
                    % {"name": row["name"]}
                )
                continue
            _import_row(path, row, tagger, result, tags)
            if index % 20 == 0 or index == len(rows):
                progress(f"  {index}/{len(rows)}")
    return result


def _import_row(
    path: Path,
    row: Row,
    tagger: Tagger,
    result: ImportResult,
    table: dict[str, tuple[list[str], list[str], list[str]]],
) -> None:
    require(path, row, "name")
    tags = table.get(row["name"])
    if tags is None:
        raise RowError(
            path,
            row.line,
            gettext(
                "「%(name)s」のお悩みの分類が決まっていません"
                "（data/notalone-tags.csv に足してください）。"
            )
            % {"name": row["name"]},
        )
    needs, audiences, channels = tags
    provenance = {
        "source_name": SOURCE_NAME,
        "source_url": SOURCE_URL,
        "source_date": SOURCE_DATE,
        "confidence": Confidence.SECONDARY,
        "needs_reverification": True,
    }
    provider = row["provider"] or NO_PROVIDER
    organization, _ = Organization.objects.get_or_create(name=provider, defaults=provenance)
    result.organizations.add(provider)
    description = "\n\n".join(part for part in (row["abstract"], row["provisions"]) if part)
    service, _ = Service.objects.update_or_create(
        import_key=f"notalone:{row['name']}",
        defaults={
            **provenance,
            "organization": organization,
            "name": row["name"][:200],
            "area": Area.NATIONAL,
            "ward": "",
            "description": description,
            "eligibility_description": row["target"],
            "application_process": row["how_to_apply"],
            "url": _url(row["detail_url"]),
            "contact_text": row["contact"],
        },
    )
    result.services += 1
    tagger.tag(service, needs=needs, audiences=audiences, channels=channels)
    service.refresh_kind()
