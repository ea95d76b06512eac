"""The data files people keep for the watch network (``data/*.tsv`` next to this module).

Python holds the mechanism only: what a business may report, which kinds of business
take part, which 町名 belongs to which 地域包括支援センター and each ward's 基幹型 centre
are lines of these files. Each reader returns plain tuples; :func:`problems` checks all
of them (``manage.py check_watch_areas`` and a system check).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext

from tsunagari.core.crisis import sourced_line
from tsunagari.directory.models import Ward

DATA_DIR = Path(__file__).resolve().parent / "data"
CONCERNS = DATA_DIR / "concerns.tsv"
BUSINESS_KINDS = DATA_DIR / "business_kinds.tsv"
KIKAN_CENTRES = DATA_DIR / "kikan_centres.tsv"
AREAS = DATA_DIR / "areas.tsv"
DEMO_AREAS = DATA_DIR / "areas-demo.tsv"
DEMO_MARK = "（デモ）"
T = TypeVar("T")
WARD_CODES = {str(w.label): w.value for w in Ward.sakai_wards()}


class TableError(ValueError):
    """A line of a data file that cannot be read; the message names file and line."""


@dataclass(frozen=True)
class Concern:
    code: str
    label: str
    hint: str


@dataclass(frozen=True)
class BusinessKind:
    code: str
    label: str


@dataclass(frozen=True)
class AreaRow:
    ward: str  # a Ward code
    town: str
    centre: str  # an organisation's exact name
    line: int


def _lines(path: Path, columns: int, required: int | None = None) -> list[tuple[int, list[str]]]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        cells += [""] * (columns - len(cells))
        if len(cells) > columns or not all(cells[: required or columns]):
            raise TableError(
                gettext("%(path)s の %(line)d 行目: タブで区切った%(count)d列にしてください。")
                % {"path": path.name, "line": number, "count": columns}
            )
        rows.append((number, cells))
    return rows


def _ward(path: Path, number: int, label: str) -> str:
    code = WARD_CODES.get(label)
    if code is None:
        raise TableError(
            gettext("%(path)s の %(line)d 行目: 「%(ward)s」は堺市の区ではありません。")
            % {"path": path.name, "line": number, "ward": label}
        )
    return code


@cache
def concerns() -> tuple[Concern, ...]:
    return tuple(Concern(*cells) for _, cells in _lines(CONCERNS, 3, required=2))


@cache
def business_kinds() -> tuple[BusinessKind, ...]:
    return tuple(BusinessKind(*cells) for _, cells in _lines(BUSINESS_KINDS, 2))


def concern_label(code: str) -> str:
    return next((gettext(c.label) for c in concerns() if c.code == code), code)


def business_kind_label(code: str) -> str:
    return next((gettext(k.label) for k in business_kinds() if k.code == code), code)


@cache
def kikan_centres() -> dict[str, str]:
    """Ward code → the name of its 基幹型包括支援センター."""
    return {_ward(KIKAN_CENTRES, n, cells[0]): cells[1] for n, cells in _lines(KIKAN_CENTRES, 2)}


def areas_path() -> Path:
    configured = getattr(settings, "WATCH_AREAS_FILE", "")
    return Path(configured) if configured else AREAS


def area_rows(path: Path | None = None) -> list[AreaRow]:
    path = path or areas_path()
    return [
        AreaRow(ward=_ward(path, n, cells[0]), town=cells[1], centre=cells[2], line=n)
        for n, cells in _lines(path, 3)
    ]


def centre_for_place(ward: str, place: str, path: Path | None = None) -> tuple[str, str] | None:
    """(町名, centre name) for a place typed in a report, or None when no 町名 of the ward is in it.

    The longest 町名 wins, so 「新金岡町」 is not read as 「金岡町」."""
    text = place.replace(" ", "").replace("\u3000", "")
    found = [row for row in area_rows(path) if row.ward == ward and row.town in text]
    if not found:
        return None
    best = max(found, key=lambda row: len(row.town))
    return best.town, best.centre


def centre_names() -> list[str]:
    """Every centre a report can be routed, transferred or escalated to."""
    names = list(kikan_centres().values())
    names += [row.centre for row in area_rows() if row.centre not in names]
    return names


def problems(path: Path | None = None) -> list[str]:
    """Every problem in the watch data files, one plain sentence each."""
    found: list[str] = []
    for reader in (concerns, business_kinds, kikan_centres):
        reader.cache_clear()
        try:
            reader()
        except TableError as error:
            found.append(str(error))
    for name, codes in (
        (CONCERNS.name, [c.code for c in _safe(concerns) or ()]),
        (BUSINESS_KINDS.name, [k.code for k in _safe(business_kinds) or ()]),
    ):
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            found.append(
                gettext("%(path)s: コード「%(code)s」が2回あります。")
                % {"path": name, "code": code}
            )
    kikan = _safe(kikan_centres) or {}
    for ward in Ward.sakai_wards():
        if ward.value not in kikan:
            found.append(
                gettext("%(path)s: %(ward)s の基幹型包括支援センターがありません。")
                % {"path": KIKAN_CENTRES.name, "ward": ward.label}
            )
    for centre in kikan.values():
        if sourced_line(centre) is None:
            found.append(
                gettext(
                    "%(path)s: 「%(centre)s」は data/contacts-sourced*.csv にない名前です。"
                    "出典のある窓口の名前だけを書いてください。"
                )
                % {"path": KIKAN_CENTRES.name, "centre": centre}
            )
    for table in dict.fromkeys([path or areas_path(), AREAS, DEMO_AREAS]):
        found.extend(area_problems(table))
    return found


def _safe(reader: Callable[[], T]) -> T | None:
    try:
        return reader()
    except TableError:
        return None


def area_problems(path: Path) -> list[str]:
    try:
        rows = area_rows(path)
    except TableError as error:
        return [str(error)]
    except OSError:
        return [gettext("振り分け表 %(path)s が読めません。") % {"path": path}]
    found = []
    demo = path.name == DEMO_AREAS.name
    seen: dict[tuple[str, str], AreaRow] = {}
    for row in rows:
        key = (row.ward, row.town)
        if key in seen and seen[key].centre != row.centre:
            found.append(
                gettext(
                    "%(path)s の %(line)d 行目: 「%(town)s」は %(first)d 行目で別のセンターに"
                    "振り分けています。"
                )
                % {"path": path.name, "line": row.line, "town": row.town, "first": seen[key].line}
            )
        seen.setdefault(key, row)
        if demo and not row.centre.startswith(DEMO_MARK):
            found.append(
                gettext(
                    "%(path)s の %(line)d 行目: デモの表のセンターは「（デモ）」で始めてください。"
                )
                % {"path": path.name, "line": row.line}
            )
        if not demo and (row.centre.startswith(DEMO_MARK) or sourced_line(row.centre) is None):
            found.append(
                gettext(
                    "%(path)s の %(line)d 行目: 「%(centre)s」は data/contacts-sourced*.csv に"
                    "ない名前です。出典のある窓口の名前だけを書いてください。"
                )
                % {"path": path.name, "line": row.line, "centre": row.centre}
            )
        if "包括支援センター" not in row.centre:
            found.append(
                gettext(
                    "%(path)s の %(line)d 行目: 「%(centre)s」は地域包括支援センターではありません。"
                )
                % {"path": path.name, "line": row.line, "centre": row.centre}
            )
    return found
