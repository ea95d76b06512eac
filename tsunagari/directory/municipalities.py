"""Municipality codes (全国地方公共団体コード): the key that says whose a public listing is.

A code has six digits: two for the prefecture, three for the municipality (``000`` for
the prefecture itself) and a check digit. The table of the municipalities this site serves
is a data file (municipalities.tsv) that people maintain; no code is made up in Python.
A listing with no code is national and shared by every municipality.

Synthetic directories for benchmarks (``generate_directory --municipalities``) use
prefecture numbers 52–98, which no real prefecture has (real ones are 01–47), so a
synthetic code can never be mistaken for a real one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

TABLE = Path(__file__).with_name("municipalities.tsv")
FIRST_SYNTHETIC_PREFECTURE = 52  # real prefecture numbers stop at 47


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    prefecture: str  # the prefecture's code, "" for a prefecture itself


def check_digit(first_five: str) -> str:
    """The sixth digit: weights 6, 5, 4, 3, 2; 11 minus the remainder by 11, last digit."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_five, (6, 5, 4, 3, 2), strict=True)
    )
    return str((11 - total % 11) % 10)


def well_formed(code: str) -> bool:
    return len(code) == 6 and code.isdigit() and check_digit(code[:5]) == code[5]


def prefecture_of(code: str) -> str:
    """The prefecture's code for a municipality's code ('271403' → '270008'); '' for ''."""
    if not code:
        return ""
    first_five = code[:2] + "000"
    return first_five + check_digit(first_five)


def is_synthetic(code: str) -> bool:
    return bool(code) and int(code[:2]) >= FIRST_SYNTHETIC_PREFECTURE


def read_table(path: Path = TABLE) -> list[Municipality]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t")
    return [
        Municipality(row["code"].strip(), row["name"].strip(), (row["prefecture"] or "").strip())
        for row in rows
    ]


@cache
def known() -> dict[str, Municipality]:
    return {m.code: m for m in read_table()}


def check_table(path: Path = TABLE) -> list[str]:
    """Problems with the table, one sentence each (``manage.py check_directory_data``)."""
    problems = []
    rows = read_table(path)
    codes = {row.code for row in rows}
    for row in rows:
        if not well_formed(row.code):
            problems.append(
                gettext("%(path)s の自治体コード %(code)s は6桁でないか、検査数字が合いません。")
                % {"path": path.name, "code": row.code}
            )
            continue
        if is_synthetic(row.code):
            problems.append(
                gettext("%(path)s の %(code)s はベンチマーク用の架空のコードです。")
                % {"path": path.name, "code": row.code}
            )
        expected = "" if row.code == prefecture_of(row.code) else prefecture_of(row.code)
        if row.prefecture != expected or (expected and expected not in codes):
            problems.append(
                gettext("%(path)s の %(code)s の都道府県コードが正しくありません。")
                % {"path": path.name, "code": row.code}
            )
    if len(codes) != len(rows):
        problems.append(
            gettext("%(path)s に同じ自治体コードが二度あります。") % {"path": path.name}
        )
    return problems


def validate_code(value: str) -> None:
    """Form and admin validation: blank (national) or a code listed in the table."""
    if value and value not in known():
        raise ValidationError(
            gettext("自治体コード %(code)s は一覧（municipalities.tsv）にありません。"),
            params={"code": value},
        )


def home() -> str:
    """The municipality this deployment serves first (settings.HOME_MUNICIPALITY)."""
    return str(getattr(settings, "HOME_MUNICIPALITY", "271403"))


def default_for_area(area: str) -> str:
    """The code a listing gets from its area when none was given: national → none,
    prefecture → the home municipality's prefecture, city or ward → the home municipality."""
    if area == "national":
        return ""
    if area == "prefecture":
        return prefecture_of(home())
    return home()
