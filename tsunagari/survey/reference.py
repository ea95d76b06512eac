"""Published figures shown beside a wave (data/reference.tsv), read once per process.

The file is maintained by staff; ``manage.py check_survey_reference`` checks it.
Labels in the file are Japanese as published and are shown as they are.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_FILE = Path(__file__).parent / "data" / "reference.tsv"
COLUMNS = ["series", "indicator", "label", "percent", "source"]


@dataclass(frozen=True)
class Figure:
    series: str
    indicator: str
    label: str
    percent: float
    source: str


def read(path: Path = REFERENCE_FILE) -> list[Figure]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = csv.DictReader([line for line in lines if not line.startswith("#")], delimiter="\t")
    if rows.fieldnames != COLUMNS:
        raise ValueError(f"{path.name}: columns must be {COLUMNS}, not {rows.fieldnames}")
    figures = []
    for number, row in enumerate(rows, start=2):
        if not row["source"].strip():
            raise ValueError(f"{path.name} line {number}: a figure needs its source")
        try:
            percent = float(row["percent"])
        except ValueError:
            raise ValueError(
                f"{path.name} line {number}: {row['percent']!r} is not a number"
            ) from None
        figures.append(
            Figure(row["series"], row["indicator"], row["label"], percent, row["source"])
        )
    return figures


@cache
def figures() -> list[Figure]:
    return read()


def beside(indicator: str) -> list[Figure]:
    """Published figures for the same indicator (national, by year)."""
    return [f for f in figures() if f.indicator == indicator]


def other_questions() -> list[Figure]:
    """Published figures for different questions (the city's 2024 survey)."""
    return [f for f in figures() if not f.indicator]
