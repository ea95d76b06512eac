"""The 24-hour lines shown to a person in crisis, on every public page.

They are read from the project's copy of the sourced contact file
(``data/contacts-sourced.csv``) by name, never typed here, so a number can only
appear if a sourced file vouches for it. They do not depend on the directory
tables: the crisis strip and the navigator's crisis answer hold even when the
directory is empty or wrongly tagged.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SOURCED_CONTACTS = Path(settings.BASE_DIR) / "data" / "contacts-sourced.csv"


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

    @property
    def tel_href(self) -> str:
        return (
            "tel:" + self.number.replace("-", "") if self.number and self.channel == "phone" else ""
        )


# (name in the sourced file, plain-words label). Order is the order shown.
CRISIS_LINE_NAMES: list[tuple[str, str | Promise]] = [
    ("よりそいホットライン", _("24時間・無料で、どんなことでも話せます")),
    ("あなたのいばしょ チャット相談", _("24時間・無料・名前を言わずにチャットで話せます")),
    ("#いのちSOS", _("死にたいほどつらい気持ちを聞きます")),
]


@cache
def _sourced_rows() -> dict[str, dict[str, str]]:
    with SOURCED_CONTACTS.open(encoding="utf-8", newline="") as handle:
        return {row["name"].strip(): row for row in csv.DictReader(handle)}


def crisis_lines() -> list[CrisisLine]:
    rows = _sourced_rows()
    lines = []
    for name, label in CRISIS_LINE_NAMES:
        row = rows.get(name)
        if row is None:  # the sourced file dropped it: show nothing rather than guess
            continue
        lines.append(
            CrisisLine(
                name=name,
                channel=row["channel"],
                number=row["number_or_id"].strip(),
                hours=row["hours_text"].strip(),
                target=row["target"].strip(),
                source=row["source"].strip(),
                source_date=row["source_date"].strip(),
                note=row["note"].strip(),
                label=label,
            )
        )
    return lines
