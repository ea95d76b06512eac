"""The 24-hour lines shown to a person in crisis, on every public page.

They are read from the project's copies of the sourced contact files
(``data/contacts-sourced*.csv``, with ``data/contacts-corrections-*.csv`` applied
where the old value matches) by name, never typed here, so a number can only
appear if a sourced file vouches for it. The urgent panels of the navigator read
their lines here too (:func:`sourced_line`). They do not depend on the directory
tables: the crisis strip and the navigator's crisis answer hold even when the
directory is empty or wrongly tagged.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(settings.BASE_DIR) / "data"
SOURCED_CONTACTS = DATA_DIR / "contacts-sourced.csv"


@dataclass(frozen=True)
class CrisisLine:
    name: str
    channel: str  # phone | chat | sns
    number: str  # empty for chat lines without a sourced number
    hours: str
    target: str
    source: str
    source_date: str
    note: str
    label: str | Promise  # what we say about it, in plain words
    contact: str = ""  # the sourced number, address, page or account, as published

    @property
    def web_href(self) -> str:
        value = self.contact
        if value.startswith(("https://", "http://")):
            return value
        if value.startswith("www.") and " " not in value:
            return "https://" + value
        return ""

    @property
    def tel_href(self) -> str:
        return (
            "tel:" + self.number.replace("-", "") if self.number and self.channel == "phone" else ""
        )


# (name in the sourced files, plain-words label). Order is the order shown.
CRISIS_LINE_NAMES: list[tuple[str, str | Promise]] = [
    ("よりそいホットライン", _("24時間・無料で、どんなことでも話せます")),
    ("関西いのちの電話（番号A：06-6772-1121）", _("24時間、つらい気持ちを聞きます")),
    (
        "あなたのいばしょ チャット相談（ウェブURL）",
        _("24時間・無料・名前を言わずにチャットで話せます"),
    ),
    ("#いのちSOS", _("死にたいほどつらい気持ちを聞きます")),
]
PHONE_LIKE = re.compile(r"^(#?\d{3,5}|0\d{1,4}-\d{1,6}(-\d{3,5})?)$")


@cache
def _sourced_rows() -> dict[str, dict[str, str]]:
    """Every sourced row by name, the first file first; corrections applied where they match."""
    rows: dict[str, dict[str, str]] = {}
    for path in sorted(DATA_DIR.glob("contacts-sourced*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows.setdefault(row["name"].strip(), {k: (v or "").strip() for k, v in row.items()})
    for path in sorted(DATA_DIR.glob("contacts-corrections-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for fix in csv.DictReader(handle):
                target = rows.get(fix["name"].strip())
                field = fix["field"].strip()
                if target is not None and target.get(field, "") == fix["old_value"].strip():
                    target[field] = fix["new_value"].strip()
                    target["source_date"] = fix["source_date"].strip() or target["source_date"]
    return rows


def _line(name: str, row: dict[str, str], label: str | Promise = "") -> CrisisLine:
    value = row["number_or_id"]
    return CrisisLine(
        name=name,
        channel=row["channel"],
        number=value if PHONE_LIKE.match(value) else "",
        hours=row["hours_text"],
        target=row["target"],
        source=row["source"],
        source_date=row["source_date"],
        note=row["note"],
        label=label,
        contact=value,
    )


def sourced_line(name: str) -> CrisisLine | None:
    """One sourced line by its exact name, or None when no sourced file has it."""
    row = _sourced_rows().get(name)
    return _line(name, row) if row is not None else None


def sourced_lines() -> list[CrisisLine]:
    return [_line(name, row) for name, row in _sourced_rows().items()]


def crisis_lines() -> list[CrisisLine]:
    rows = _sourced_rows()
    # A line the sourced files dropped is left out rather than guessed.
    return [_line(name, rows[name], label) for name, label in CRISIS_LINE_NAMES if name in rows]
