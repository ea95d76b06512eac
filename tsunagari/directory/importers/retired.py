"""data/retired-services.csv → programmes that ended, kept but never shown.

A person decides that a listing has ended (a COVID-era measure of the 2021 national
snapshot, a subsidy replaced by insurance…) and writes one line: the listing's import
key, the day it ended if known, the reason, the day of the decision and who decided.
Without ``ended_on`` the listing is retired now (status 終了); with a future
``ended_on`` it disappears from public pages on the day after (see
``ServiceQuerySet.public``). Run after the other imports; a key that matches no
imported listing stops the import and names its line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

from tsunagari.directory.importers import contacts, notalone, sakai_sample
from tsunagari.directory.importers.base import (
    ImportResult,
    Progress,
    Row,
    RowError,
    Tagger,
    import_file,
    read_rows,
    require,
)
from tsunagari.directory.importers.same import duplicates
from tsunagari.directory.models import Service, ServiceStatus

COLUMNS = ["import_key", "ended_on", "reason", "decided_on", "decided_by"]
DEFAULT_PATH = Path("data/retired-services.csv")


def parse_day(path: Path, row: Row, column: str) -> date | None:
    if not row[column]:
        return None
    try:
        return date.fromisoformat(row[column])
    except ValueError:
        raise RowError(
            path,
            row.line,
            gettext("「%(column)s」の日付「%(value)s」が読めません（例: 2026-12-02）。")
            % {"column": column, "value": row[column]},
        ) from None


def retired_rows(path: Path) -> list[Row]:
    """Every line, checked for its shape (no database needed: also used by the check)."""
    rows = list(read_rows(path, COLUMNS))
    seen: dict[str, int] = {}
    for row in rows:
        require(path, row, "import_key", "reason", "decided_on", "decided_by")
        parse_day(path, row, "ended_on")
        parse_day(path, row, "decided_on")
        if row["import_key"] in seen:
            raise RowError(
                path,
                row.line,
                gettext("「%(key)s」は %(first)d 行目にもあります。")
                % {"key": row["import_key"], "first": seen[row["import_key"]]},
            )
        seen[row["import_key"]] = row.line
    return rows


def listed_import_keys() -> set[str]:
    """The import keys that the project's data files give their listings (no database)."""
    base = Path(settings.BASE_DIR)
    keys = {
        f"contacts:{row['name']}"
        for path in (contacts.DEFAULT_PATH, contacts.NEW_PATH)
        for row in read_rows(base / path, contacts.COLUMNS)
    }
    keys |= {
        f"sakai-sample:{row['name']}"
        for row in read_rows(base / sakai_sample.DEFAULT_PATH, sakai_sample.COLUMNS)
    }
    keys |= {f"notalone:{name}" for name in notalone.imported_names(notalone.default_path())}
    return keys - set(duplicates())


def import_retired(path: Path, *, progress: Progress = lambda _: None) -> ImportResult:
    retired_rows(path)
    return import_file(path, COLUMNS, _import_row, progress=progress, label="import_key")


def _import_row(path: Path, row: Row, tagger: Tagger, result: ImportResult) -> None:
    service = Service.objects.filter(import_key=row["import_key"]).first()
    if service is None:
        raise RowError(
            path,
            row.line,
            gettext("取り込んだ相談先に「%(key)s」がありません。") % {"key": row["import_key"]},
        )
    reason = gettext("%(reason)s（%(day)s、%(by)s の判断）") % {
        "reason": row["reason"],
        "day": row["decided_on"],
        "by": row["decided_by"],
    }
    ended_on = parse_day(path, row, "ended_on")
    if ended_on is not None:
        service.end_date = ended_on
        service.retired_reason = reason
        service.save(update_fields=["end_date", "retired_reason", "updated_at"])
    elif service.status != ServiceStatus.DEFUNCT:
        service.retire(reason)
    result.services += 1
