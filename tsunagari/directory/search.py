"""Keyword search over the public directory, the same on SQLite and PostgreSQL.

Words are folded (NFKC, katakana → hiragana, lower case) on both sides and matched in
Python, so full-width, half-width and kana spellings find the same listing.
Abbreviations and common names (社協, 包括, ハロワ …) are expanded from
``synonyms.tsv``, which staff keep; every word of a query must match (one of its
expansions)."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from django.utils.translation import gettext

from tsunagari.directory.models import Service

SYNONYMS_PATH = Path(__file__).resolve().parent / "synonyms.tsv"
KATAKANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(KATAKANA).lower()


def read_synonyms(path: Path = SYNONYMS_PATH) -> list[tuple[int, str, list[str]]]:
    """(line, word, expansions) for each line; comments and blank lines skipped."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, expansions = line.partition("\t")
        entries.append((number, word.strip(), [e.strip() for e in expansions.split("|")]))
    return entries


def check_synonyms(path: Path = SYNONYMS_PATH) -> list[str]:
    problems = []
    seen: set[str] = set()
    for number, word, expansions in read_synonyms(path):
        if not word or not all(expansions):
            problems.append(
                gettext("%(file)s の %(line)d 行目: ことばと言いかえをタブで区切ってください。")
                % {"file": path.name, "line": number}
            )
        elif fold(word) in seen:
            problems.append(
                gettext("%(file)s の %(line)d 行目: 「%(word)s」は前の行にもあります。")
                % {"file": path.name, "line": number, "word": word}
            )
        seen.add(fold(word))
    return problems


@cache
def synonyms() -> dict[str, list[str]]:
    return {fold(word): [fold(e) for e in expansions] for _, word, expansions in read_synonyms()}


def variants(word: str) -> list[str]:
    folded = fold(word)
    return [folded, *synonyms().get(folded, [])]


def searchable_text(service: Service) -> str:
    return fold(
        " ".join(
            (
                service.name,
                service.alternate_name,
                service.description,
                service.eligibility_description,
                service.organization.name,
            )
        )
    )


def matching(services: list[Service], query: str) -> list[Service]:
    words = query.split()[:8]
    options = [variants(word) for word in words]
    return [
        service
        for service in services
        if all(any(v in searchable_text(service) for v in choice) for choice in options)
    ]
