"""data/sakai-sample.csv → Sakai desks and places to belong known only by name.

Their names are public, but no sourced file vouches for a number, an address or
opening hours, so none are stored: each listing says 「連絡先は確認中」 and links
to the page where a person can check (``contact_check_url``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext

from tsunagari.directory.importers.base import (
    ImportResult,
    Progress,
    Row,
    RowError,
    Tagger,
    check_codes,
    import_file,
    require,
)
from tsunagari.directory.importers.contacts import parse_scope
from tsunagari.directory.models import Confidence, Organization, Service

COLUMNS = [
    "name",
    "organization",
    "scope",
    "kind",
    "needs",
    "audiences",
    "channels",
    "description",
    "check_url",
]
KINDS = {"desk", "place"}
DEFAULT_PATH = Path("data/sakai-sample.csv")
SOURCE_NAME = "名前のみ公開情報。電話番号・住所・受付時間は未確認"


def import_sakai_sample(path: Path, *, progress: Progress = lambda _: None) -> ImportResult:
    return import_file(path, COLUMNS, _import_row, progress=progress)


def _import_row(path: Path, row: Row, tagger: Tagger, result: ImportResult) -> None:
    require(path, row, "name", "organization", "scope", "kind", "needs", "check_url")
    area, ward = parse_scope(path, row)
    if row["kind"] not in KINDS:
        raise RowError(
            path,
            row.line,
            gettext("種類「%(kind)s」が読めません（desk・place）。") % {"kind": row["kind"]},
        )
    try:
        URLValidator(schemes=["https"])(row["check_url"])
    except ValidationError:
        raise RowError(
            path,
            row.line,
            gettext("確認先のアドレス「%(url)s」が読めません。") % {"url": row["check_url"]},
        ) from None
    needs, audiences, channels = (
        row["needs"].split(),
        row["audiences"].split(),
        row["channels"].split(),
    )
    check_codes(path, row.line, needs=needs, audiences=audiences, channels=channels)
    provenance = {
        "source_name": SOURCE_NAME,
        "source_url": row["check_url"],
        "source_date": "",
        "confidence": Confidence.UNVERIFIED,
        "needs_reverification": True,
    }
    organization, _ = Organization.objects.get_or_create(
        name=row["organization"], defaults=provenance
    )
    result.organizations.add(row["organization"])
    service, _ = Service.objects.update_or_create(
        import_key=f"sakai-sample:{row['name']}",
        defaults={
            **provenance,
            "organization": organization,
            "name": row["name"],
            "area": area,
            "ward": ward,
            "description": row["description"],
            "contact_pending": True,
            "contact_check_url": row["check_url"],
        },
    )
    result.services += 1
    tagger.tag(service, needs=needs, audiences=audiences or ["anyone"], channels=channels)
    service.refresh_kind()
