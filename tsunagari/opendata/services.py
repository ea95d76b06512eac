"""Open data workflows: write the public directory as an HSDS 3.1 package, read one back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from tsunagari.opendata.hsds import Dataset, public_services
from tsunagari.opendata.importing import Importer
from tsunagari.opendata.package import read_package, write_package


def dataset_export(*, out: Path, today: date | None = None) -> dict[str, int]:
    """Write the CSV tables, ``datapackage.json`` and the nested JSON into ``out``;
    return the number of records per file."""
    return write_package(out, Dataset(public_services(today)))


def dataset_import(*, source: Path) -> dict[str, int]:
    """Check every file of the package in ``source``, then write its records in one
    transaction. Raises :class:`tsunagari.opendata.package.Refused` (nothing written)."""
    tables = read_package(source)
    with transaction.atomic():
        return Importer(tables).run()
