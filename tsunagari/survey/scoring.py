"""The national loneliness measures, exactly as the national survey defines them.

The national survey on loneliness and isolation asks two things:

* three indirect items, the Japanese 3-item short form of the UCLA loneliness
  scale, each answered 1 決してない / 2 ほとんどない / 3 時々ある / 4 常にある;
  the score is their sum (3–12) and is reported in four bands: 3, 4–6, 7–9, 10–12;
* one direct question with five answers, 1 決してない … 5 しばしばある・常にある.
  "At least sometimes lonely" is answers 3, 4 and 5 together.

Everything that scores an answer (survey, paper entry, import, self-check) uses
this module, so the definition is written once.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

UCLA_ITEMS: list[tuple[str, Any]] = [
    ("lonely_1", _("あなたは、自分には人とのつきあいがないと感じることがありますか。")),
    ("lonely_2", _("あなたは、自分は取り残されていると感じることがありますか。")),
    ("lonely_3", _("あなたは、自分は他の人たちから孤立していると感じることがありますか。")),
]
UCLA_CHOICES: list[tuple[int, Promise]] = [
    (1, _("決してない")),
    (2, _("ほとんどない")),
    (3, _("時々ある")),
    (4, _("常にある")),
]

DIRECT_ITEM = ("direct", _("あなたはどの程度、孤独であると感じることがありますか。"))
DIRECT_CHOICES: list[tuple[int, Promise]] = [
    (1, _("決してない")),
    (2, _("ほとんどない")),
    (3, _("たまにある")),
    (4, _("時々ある")),
    (5, _("しばしばある・常にある")),
]
# Answers 3–5 of the direct question: 「孤独感が『しばしばある・常にある』『時々ある』『たまにある』」.
DIRECT_AT_LEAST_SOMETIMES = (3, 4, 5)

SCORE_MIN, SCORE_MAX = 3, 12


@dataclass(frozen=True)
class Band:
    code: str
    low: int
    high: int
    label: Promise

    def contains(self, score: int) -> bool:
        return self.low <= score <= self.high


BANDS: list[Band] = [
    Band("3", 3, 3, _("3点")),
    Band("4-6", 4, 6, _("4〜6点")),
    Band("7-9", 7, 9, _("7〜9点")),
    Band("10-12", 10, 12, _("10〜12点")),
]


def ucla_score(answers: list[int | None]) -> int | None:
    """The sum of the three items, or None when any is missing or out of range."""
    if len(answers) != len(UCLA_ITEMS):
        return None
    valid = [UCLA_CHOICES[0][0] <= a <= UCLA_CHOICES[-1][0] for a in answers if a is not None]
    if len(valid) != len(UCLA_ITEMS) or not all(valid):
        return None
    return sum(a for a in answers if a is not None)


def band_of(score: int | None) -> Band | None:
    if score is None:
        return None
    for band in BANDS:
        if band.contains(score):
            return band
    return None


def is_at_least_sometimes(direct: int | None) -> bool | None:
    if direct is None:
        return None
    return direct in DIRECT_AT_LEAST_SOMETIMES
