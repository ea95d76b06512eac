"""Step 2 of reading a worry: the text cut into sentences.

Real worries are long and a crisis can be one sentence in the middle, so the
navigator reads sentence by sentence: each sign is judged with the words of its
own sentence (who, when, negated, a topic), and the learned reader scores each
sentence on its own, so that a long ordinary story cannot drown one line.

Sentences end at 。！？!? and line breaks; a run without any (chat, no
punctuation) is cut at 、 or spaces into pieces of at most :data:`PIECE_CHARS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PIECE_CHARS = 160
_END = re.compile(r"(?<=[。！？!?．])\s*|\s*\n\s*|(?<=[.…])\s+")
_SOFT_BREAK = re.compile(r"(?<=[、,，])|\s+")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the cleaned text


def split(text: str) -> list[Sentence]:
    """``text`` (cleaned) as sentences, in order, none empty."""
    out: list[Sentence] = []
    position = 0
    for part in _END.split(text):
        if part is None:
            continue
        start = text.find(part, position) if part else position
        position = start + len(part)
        for piece, offset in _pieces(part):
            stripped = piece.strip()
            if stripped:
                out.append(Sentence(stripped, start + offset + piece.find(stripped)))
    return out


def _pieces(sentence: str) -> list[tuple[str, int]]:
    """A long sentence cut at soft breaks into pieces of at most PIECE_CHARS."""
    if len(sentence) <= PIECE_CHARS:
        return [(sentence, 0)]
    pieces: list[tuple[str, int]] = []
    current, current_start, offset = "", 0, 0
    for chunk in _SOFT_BREAK.split(sentence):
        if not chunk:
            continue
        at = sentence.find(chunk, offset)
        offset = at + len(chunk)
        if current and len(current) + len(chunk) > PIECE_CHARS:
            pieces.append((current, current_start))
            current, current_start = "", at
        if not current:
            current_start = at
        current = sentence[current_start:offset]
        while len(current) > PIECE_CHARS:  # no soft break at all: cut hard
            pieces.append((current[:PIECE_CHARS], current_start))
            current_start += PIECE_CHARS
            current = sentence[current_start:offset]
    if current:
        pieces.append((current, current_start))
    return pieces
