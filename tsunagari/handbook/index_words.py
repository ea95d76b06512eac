"""The handbook's index of worry words (「借金」→ the page of お金・生活).

The words are the navigator's own vocabulary (``navigator/lexicon/needs/*.tsv``):
the plain nouns a person would look up — Japanese expressions that Sudachi reads as
nouns only, that name a need plainly (weight 1.0 or more) and that are not crisis
signs, sound-only spellings or words that count only alone. Each word points to
the sections of the needs it names. Words staff do not want in print are listed in
``data/index_exclude.tsv`` (one a line, with a note), checked by
``manage.py check_handbook_data``. Sorted in 五十音 order by Sudachi's reading.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tsunagari.directory.needs import NEED_CODES
from tsunagari.navigator.lexicon import worry_entries

EXCLUDE_PATH = Path(__file__).resolve().parent / "data" / "index_exclude.tsv"
MAX_CHARS = 8
ROWS = "あかさたなはまやらわ"
ROW_STARTS = "あかさたなはまやらわん"  # a kana belongs to the row whose start it follows


@dataclass(frozen=True)
class IndexWord:
    word: str
    reading: str  # hiragana, for sorting
    needs: tuple[str, ...]


def read_exclusions(path: Path = EXCLUDE_PATH) -> list[tuple[int, str]]:
    """(line number, word) for every word staff keep out of the printed index."""
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rows.append((number, raw.split("\t")[0].strip()))
    return rows


@cache
def _tokenizer() -> Any:
    from sudachipy import SplitMode

    from tsunagari.navigator.tokens import dictionary

    return dictionary().tokenizer(mode=SplitMode.C)


def hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def _noun_reading(expression: str) -> str | None:
    """Sudachi's reading (hiragana) when every morpheme is a noun (not a pronoun), else None."""
    morphemes = list(_tokenizer().tokenize(expression))
    if not morphemes:
        return None
    for morpheme in morphemes:
        pos = morpheme.part_of_speech()
        if pos[0] != "名詞" or pos[1] == "代名詞":
            return None
    return hiragana("".join(m.reading_form() for m in morphemes))


@cache
def index_words() -> tuple[IndexWord, ...]:
    excluded = {word for _, word in read_exclusions()}
    found: dict[str, tuple[str, set[str]]] = {}
    for entry in worry_entries():
        if entry.kind != "ja" or entry.flags & {"crisis", "sound", "alone"}:
            continue
        word = entry.expression
        if len(word) > MAX_CHARS or word in excluded:
            continue
        needs = {code for code, weight in entry.weights if weight >= 1.0 and code in NEED_CODES}
        if not needs:
            continue
        if word in found:
            found[word][1].update(needs)
            continue
        reading = _noun_reading(word)
        if reading is None:
            continue
        found[word] = (reading, needs)
    words = [
        IndexWord(word, reading, tuple(code for code in NEED_CODES if code in needs))
        for word, (reading, needs) in found.items()
    ]
    return tuple(sorted(words, key=lambda w: (sort_key(w.reading), w.word)))


def sort_key(reading: str) -> str:
    """Voiced and small kana sort with their plain kana (が with か, っ with つ)."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFD", reading) if not unicodedata.combining(ch)
    )
    return plain.translate(str.maketrans("ぁぃぅぇぉっゃゅょゎ", "あいうえおつやゆよわ"))


def row_of(reading: str) -> str:
    """The 五十音 row heading (あ, か, …) of a reading, or "A〜Z" for Latin letters."""
    first = sort_key(reading)[:1]
    if not ("ぁ" <= first <= "ゖ"):
        return _("A〜Z")
    for index, start in enumerate(ROW_STARTS[1:]):
        if first < start:
            return ROWS[index]
    return ROWS[-1]


def grouped() -> list[tuple[str, list[IndexWord]]]:
    groups: dict[str, list[IndexWord]] = {}
    for word in index_words():
        groups.setdefault(row_of(word.reading), []).append(word)
    order = [*ROWS, _("A〜Z")]
    return [(row, groups[row]) for row in order if row in groups]
