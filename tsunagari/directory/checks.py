"""Checks of the directory's data files that people maintain (no database needed).

Run with ``manage.py check_directory_data`` (and in CI). Each function returns a list of
problems, one plain sentence each; an empty list means the file is fine.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

from tsunagari.directory import municipalities
from tsunagari.directory.importers import contacts
from tsunagari.directory.importers.base import RowError, read_rows
from tsunagari.directory.importers.retired import DEFAULT_PATH as RETIRED_PATH
from tsunagari.directory.importers.retired import listed_import_keys, retired_rows


def contact_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return [base / contacts.DEFAULT_PATH, base / contacts.NEW_PATH]


def check_contact_tags() -> list[str]:
    """Every tag row is valid, every contacts row has a tag, and every tag is used."""
    try:
        table = contacts.load_tags()
    except RowError as error:
        return [str(error)]
    problems = []
    used: set[str] = set()
    for path in contact_files():
        for row in read_rows(path, contacts.COLUMNS):
            fragment = next((f for f, _ in table if f in row["name"]), None)
            if fragment is None:
                problems.append(
                    gettext("%(path)s の %(line)d 行目「%(name)s」に合う分類がありません。")
                    % {"path": path, "line": row.line, "name": row["name"]}
                )
            else:
                used.add(fragment)
    for fragment, _ in table:
        if fragment not in used:
            problems.append(
                gettext("%(path)s の「%(fragment)s」はどの相談先の名前にも合いません。")
                % {"path": contacts.tags_path(), "fragment": fragment}
            )
    return problems


def check_retired() -> list[str]:
    """The retired list is well formed and names only listings that the data files import."""
    path = Path(settings.BASE_DIR) / RETIRED_PATH
    try:
        rows = retired_rows(path)
    except RowError as error:
        return [str(error)]
    known = listed_import_keys()
    return [
        gettext("%(path)s の %(line)d 行目「%(key)s」は、どのデータファイルにもありません。")
        % {"path": path, "line": row.line, "key": row["import_key"]}
        for row in rows
        if row["import_key"] not in known
    ]


def check_same() -> list[str]:
    """Each duplicate names a row of a data file and a listing that is imported."""
    from tsunagari.directory.importers import notalone
    from tsunagari.directory.importers.same import COLUMNS, same_path

    rows = {
        f"contacts:{r['name']}" for p in contact_files() for r in read_rows(p, contacts.COLUMNS)
    }
    rows |= {f"notalone:{r['name']}" for r in notalone.read_notalone(notalone.default_path())}
    kept = listed_import_keys()
    problems = []
    for row in read_rows(same_path(), COLUMNS):
        if row["import_key"] not in rows:
            problems.append(
                gettext(
                    "%(path)s の %(line)d 行目「%(key)s」は、どのデータファイルにもありません。"
                )
                % {"path": same_path(), "line": row.line, "key": row["import_key"]}
            )
        if row["same_as"] not in kept:
            problems.append(
                gettext(
                    "%(path)s の %(line)d 行目「%(key)s」は、取り込まれる相談先ではありません。"
                )
                % {"path": same_path(), "line": row.line, "key": row["same_as"]}
            )
    return problems


def check_synonyms() -> list[str]:
    from tsunagari.directory.search import check_synonyms as check

    return check()


def check_notalone_tags() -> list[str]:
    """Every 2021 scheme has a valid tag row, and every tag row names a scheme."""
    from tsunagari.directory.importers import notalone

    try:
        table = notalone.load_tags()
    except RowError as error:
        return [str(error)]
    names = {row["name"] for row in notalone.read_notalone(notalone.default_path())}
    path = Path(settings.BASE_DIR) / notalone.TAGS_PATH
    problems = [
        gettext("%(path)s に「%(name)s」の分類がありません。") % {"path": path, "name": name}
        for name in sorted(names - set(table))
    ]
    problems += [
        gettext("%(path)s の「%(name)s」は国の一覧にありません。") % {"path": path, "name": name}
        for name in sorted(set(table) - names)
    ]
    return problems


def check_municipalities() -> list[str]:
    """Every municipality code has a right check digit and a listed prefecture."""
    return municipalities.check_table()


CHECKS = [
    check_contact_tags,
    check_notalone_tags,
    check_retired,
    check_same,
    check_synonyms,
    check_municipalities,
]


def all_problems() -> list[str]:
    return [problem for check in CHECKS for problem in check()]
