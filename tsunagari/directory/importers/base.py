"""What every importer shares: reading CSV with line numbers, errors, tagging."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext

from tsunagari.directory.models import Attribute, Service, Taxonomy, TaxonomyTerm
from tsunagari.directory.needs import AUDIENCES, CHANNELS, NEED_CODES
from tsunagari.directory.signals import listings_changed

Progress = Callable[[str], None]

AUDIENCE_CODES = [code for code, _ in AUDIENCES]
CHANNEL_CODES = [code for code, _ in CHANNELS]


class RowError(Exception):
    """A row the importer cannot take. The message is for a person, in Japanese."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        super().__init__(
            gettext("%(path)s の %(line)d 行目: %(reason)s")
            % {"path": self.path, "line": line, "reason": reason}
        )


@dataclass
class Row:
    line: int
    values: dict[str, str]
    # Corrections applied to this row, each with its own source (kept for staff).
    corrections: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> str:
        return self.values[key]


@dataclass
class ImportResult:
    source: str
    services: int = 0
    phones: int = 0
    schedules: int = 0
    locations: int = 0
    organizations: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # lines for the import output

    def summary(self) -> str:
        return gettext(
            "%(source)s: 相談先 %(services)d 件、電話番号 %(phones)d 件、"
            "受付時間 %(schedules)d 件、場所 %(locations)d 件、団体 %(organizations)d 件"
        ) % {
            "source": self.source,
            "services": self.services,
            "phones": self.phones,
            "schedules": self.schedules,
            "locations": self.locations,
            "organizations": len(self.organizations),
        }


def open_text(path: Path) -> IO[str]:
    """A data file as text; ``.gz`` files (a snapshot kept compressed) are read the same."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def read_rows(
    path: Path,
    columns: list[str],
    *,
    skip_after_header: int = 0,
    loose_first_header: bool = False,
) -> Iterator[Row]:
    """Rows as dicts, each with the line number it starts on (fields may span lines).

    The header must be exactly ``columns`` (except its first cell when
    ``loose_first_header``); every row must have as many values.
    """
    with open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise RowError(path, 1, gettext("ファイルが空です。"))
        seen = [h.strip() for h in header]
        if loose_first_header and seen:
            seen[0] = columns[0]
        if seen != columns:
            raise RowError(
                path,
                1,
                gettext("見出しの列が想定と違います（想定: %(columns)s）。")
                % {"columns": ", ".join(columns)},
            )
        for _ in range(skip_after_header):
            next(reader, None)
        start = reader.line_num + 1
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                raise RowError(
                    path,
                    line,
                    gettext("列の数が %(found)d 個です（%(expected)d 個のはずです）。")
                    % {"found": len(values), "expected": len(columns)},
                )
            yield Row(
                line=line, values={c: v.strip() for c, v in zip(columns, values, strict=True)}
            )


def require(path: Path, row: Row, *names: str) -> None:
    for name in names:
        if not row[name]:
            raise RowError(path, row.line, gettext("「%(column)s」が空です。") % {"column": name})


class Tagger:
    """Sets a service's taxonomy terms (needs, audiences, channels), looked up once."""

    def __init__(self) -> None:
        self.terms = {(t.taxonomy, t.code): t for t in TaxonomyTerm.objects.all()}

    def tag(
        self,
        service: Service,
        *,
        needs: Iterable[str],
        audiences: Iterable[str] = (),
        channels: Iterable[str] = (),
    ) -> None:
        wanted = (
            [(Taxonomy.NEED.value, c) for c in needs]
            + [(Taxonomy.AUDIENCE.value, c) for c in audiences]
            + [(Taxonomy.CHANNEL.value, c) for c in channels]
        )
        missing = [f"{t}:{c}" for t, c in wanted if (t, c) not in self.terms]
        if missing:
            raise ValueError(f"分類の用語がありません: {', '.join(missing)}")
        term_ids = {self.terms[key].pk for key in wanted}
        Attribute.objects.filter(service=service).exclude(taxonomy_term_id__in=term_ids).delete()
        existing = set(
            Attribute.objects.filter(service=service).values_list("taxonomy_term_id", flat=True)
        )
        Attribute.objects.bulk_create(
            [Attribute(service=service, taxonomy_term_id=pk) for pk in term_ids - existing]
        )
        listings_changed.send(sender=Attribute, service_ids=[service.pk])


def check_codes(
    path: Path, line: int, *, needs: list[str], audiences: list[str], channels: list[str]
) -> None:
    """1–3 known need codes, and only known audience and channel codes."""
    if not 1 <= len(needs) <= 3:
        raise RowError(
            path,
            line,
            gettext("お悩みの分類は1〜3個にしてください（%(count)d 個あります）。")
            % {"count": len(needs)},
        )
    for code in needs:
        if code not in NEED_CODES:
            raise RowError(
                path, line, gettext("お悩みの分類「%(code)s」はありません。") % {"code": code}
            )
    for code in audiences:
        if code not in AUDIENCE_CODES:
            raise RowError(path, line, gettext("対象「%(code)s」はありません。") % {"code": code})
    for code in channels:
        if code not in CHANNEL_CODES:
            raise RowError(
                path, line, gettext("相談方法「%(code)s」はありません。") % {"code": code}
            )


RowImporter = Callable[[Path, Row, "Tagger", ImportResult], None]


def import_file(
    path: Path,
    columns: list[str],
    import_row: RowImporter,
    *,
    progress: Progress,
    label: str = "name",
) -> ImportResult:
    """Read every row of ``path`` and import it, all in one transaction: a bad row
    raises :class:`RowError` naming its line, and nothing from the file is written."""
    result = ImportResult(source=str(path))
    tagger = Tagger()
    with transaction.atomic():
        rows = list(read_rows(path, columns))
        for index, row in enumerate(rows, start=1):
            import_row(path, row, tagger, result)
            progress(f"  {index}/{len(rows)} {row[label]}")
    return result
