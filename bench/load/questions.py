"""Synthetic navigator questions for the load test, made from the lexicon's own data files.

Every question is new (expressions from tsunagari/navigator/lexicon/needs/*.tsv and who.tsv,
combined in sentence frames, with a number to defeat the answer cache); none comes from
an evaluation set. They are grammatical enough to be read, not real people's words.
"""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[2] / "tsunagari" / "navigator" / "lexicon"
FRAMES = (
    "{who}が「{a}」のことで悩んでいます。どこに相談すればいいですか。",
    "{a}。{b}。話を聞いてくれるところはありますか",
    "最近{a}し、{b}こともあって困っています（{n}）",
    "{who}のことです。{a}。",
    "{ward}に住んでいます。{a}のですが、相談できる窓口を教えてください。",
    "{a}。どうしたらいいかわからない。{n}日目です。",
)
WARDS = ("堺区", "北区", "中区", "東区", "西区", "南区", "美原区")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [
            row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")
        ]


def expressions() -> list[str]:
    words = [row[0] for path in sorted((LEXICON / "needs").glob("*.tsv")) for row in _rows(path)]
    return [w for w in words if len(w) >= 2]


def who_words() -> list[str]:
    return [row[2] for row in _rows(LEXICON / "who.tsv") if len(row) > 2 and row[0] == "asking_for"]


class Questions:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = expressions()
        self.who = who_words() or ["家族"]
        self.counter = itertools.count(1)

    def next(self) -> str:
        frame = self.rng.choice(FRAMES)
        return frame.format(
            who=self.rng.choice(self.who),
            a=self.rng.choice(self.words),
            b=self.rng.choice(self.words),
            ward=self.rng.choice(WARDS),
            n=next(self.counter),
        )
