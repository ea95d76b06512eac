"""data/same-services.csv: rows of different files that are one service (DV相談＋ and
DV相談プラス). The importers skip the row named in ``import_key`` and keep the one named
in ``same_as``, so a person finds the service once. Decided by a person, kept as data."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from tsunagari.directory.importers.base import read_rows
from tsunagari.directory.models import Service

COLUMNS = ["import_key", "same_as", "reason"]
PATH = Path("data/same-services.csv")


def same_path() -> Path:
    return Path(settings.BASE_DIR) / PATH


def duplicates() -> dict[str, str]:
    """import key of a row to skip → import key of the listing that stands for it."""
    path = same_path()
    if not path.exists():
        return {}
    return {row["import_key"]: row["same_as"] for row in read_rows(path, COLUMNS)}


def skip_duplicate(key: str, table: dict[str, str]) -> bool:
    """True (and any earlier copy removed) when ``key`` is listed as another's duplicate."""
    if key not in table:
        return False
    Service.objects.filter(import_key=key).delete()
    return True
