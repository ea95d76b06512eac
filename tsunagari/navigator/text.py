"""Japanese text analysis for the navigator: what a worry is about.

The entry point of the navigator's text analysis, which is pure Python over
SudachiPy (core dictionary, split mode A), so it behaves the same whatever
database runs the site. Steps:

1. :func:`clean` (``tokens.py``) — drop control characters, NFKC (ＤＶ→DV, ｶﾀｶﾅ→カタカナ), trim
   to :data:`MAX_CHARS` and say so.
2. :func:`tokenize` (``tokens.py``) — Sudachi morphemes reduced to *content tokens*: normalized
   lemma (子供/こども/子ども → 子供, おらへん → 居る+ない), reading, and where
   they sit in the text. Particles and symbols are dropped so that 「話す相手が
   いない」 and 「話し相手おらへん」 line up; Kansai and classical negatives
   (へん, ひん, ん, ず, ぬ) become ない; obligations (なければならない, なきゃ
   いけない) become one marker so they are not read as a negation.
3. :func:`understand` (here) — match the thesaurus (``thesaurus.py``, compiled in ``matching.py``) by lemma
   sequence (small gaps allowed), by reading (kana-only spellings, wrong-kanji
   slips), by surface, and word by word for other languages; apply cheap, safe
   negation (「死にたいわけではない」) and hyperbole (「死にたいほど忙しい」) rules; and
   score needs; ask for sentence meaning (``semantic.py``) when few words were
   understood. Crisis is a property of the matched expressions, never of the
   ranking.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from tsunagari.directory.needs import CRISIS_NEED, NEED_CODES
from tsunagari.navigator import semantic
from tsunagari.navigator.matching import (
    Expression,
    Hit,
    find_hits,
    load_thesaurus,
    match_lemmas,
    parse_source,
    word_lists,
)
from tsunagari.navigator.tokens import MAX_CHARS, Token, clean, romaji_to_kana, tokenize

__all__ = [
    "MAX_CHARS",
    "NeedScore",
    "Understanding",
    "clean",
    "parse_source",
    "understand",
    "warm_up",
]

SEMANTIC_BELOW = 1.0  # below this much thesaurus evidence, sentence meaning is asked too


# ------------------------------------------------------------------ understanding


@dataclass(frozen=True)
class NeedScore:
    code: str
    score: float
    because: tuple[str, ...]


@dataclass(frozen=True)
class Understanding:
    text: str
    trimmed: bool
    crisis: bool
    needs: tuple[NeedScore, ...]
    asking_for: str  # self | family | friend | supporter
    age_group: str  # "" | child | youth | elderly
    channels: tuple[str, ...]  # preferred channels, "text" expanded
    language: str  # "ja" or "other"
    negated_crisis: bool = False


def _span_groups(hits: list[Hit]) -> list[list[Hit]]:
    """Hits grouped by the words they cover; a span inside a longer one is dropped.

    So 「母子家庭」 counts as 母子家庭 (parenting), not also as 家庭 (family);
    synonyms matching the same words count once. Crisis hits are never dropped.
    """
    groups: dict[tuple[int, int], list[Hit]] = defaultdict(list)
    others: list[list[Hit]] = []
    for hit in hits:
        if hit.start_token < 0:
            others.append([hit])
        else:
            groups[(hit.start_token, hit.end_token)].append(hit)
    kept = []
    for (start, end), group in groups.items():
        inside = any(s <= start and end <= e and (s, e) != (start, end) for (s, e) in groups)
        if inside and not any(h.expression.crisis for h in group):
            continue
        kept.append(group)
    return kept + others


def _contains(tokens: list[Token], expr: Expression) -> bool:
    return any(match_lemmas(tokens, expr, i) is not None for i in range(len(tokens)))


def _pick(tokens: list[Token], table: str) -> list[str]:
    return [
        key for key, seqs in word_lists(table).items() if any(_contains(tokens, e) for e in seqs)
    ]


def _language(text: str) -> str:
    japanese = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    letters = sum(1 for c in text if c.isalpha())
    kana = sum(1 for c in text if "\u3040" <= c <= "\u30ff")
    if letters == 0:
        return "ja"
    if kana == 0 and (japanese == 0 or japanese < letters / 2):
        return "other"
    if kana == 0 and any("\uac00" <= c <= "\ud7a3" for c in text):
        return "other"
    if kana == 0 and japanese > 0 and len(text) > 3 and any(c in text for c in "我你的吗请帮没"):
        return "other"
    return "ja"


BARE_CRISIS_WORDS = {
    "死ぬ",
    "しぬ",
    "シヌ",
    "死のう",
    "しのう",
    "もう死ぬ",
    "もうしぬ",
    "死ね",
    "しね",
}
_BARE_PUNCTUATION = re.compile(r"[\s。、．，.,！？!?…・ー〜~]+")


def understand(raw: str | None) -> Understanding:
    cleaned = clean(raw)
    text = cleaned.text
    # Romaji Japanese (「shinitai」) is read as kana too, beside the original words.
    kana = romaji_to_kana(text)
    analysed = f"{text} {kana}" if kana else text
    tokens = tokenize(analysed)
    hits = find_hits(analysed, tokens)

    raw_scores: dict[str, float] = defaultdict(float)
    because: dict[str, list[str]] = defaultdict(list)
    crisis = negated_crisis = False
    for group in _span_groups(hits):
        weights: dict[str, float] = {}
        words = group[0].words
        for hit in group:
            expr = hit.expression
            if expr.crisis and hit.topic:
                weights["suicide"] = max(weights.get("suicide", 0.0), 0.8)
                weights["mental"] = max(weights.get("mental", 0.0), 0.3)
                continue
            if expr.crisis and hit.bereaved:
                weights["family"] = max(weights.get("family", 0.0), 1.3)
                weights["mental"] = max(weights.get("mental", 0.0), 0.5)
                continue
            if expr.crisis and (hit.negated or hit.hyperbole):
                negated_crisis = negated_crisis or hit.negated
                # Not a crisis, but the person is talking about feeling low.
                weights["mental"] = max(weights.get("mental", 0.0), 0.5 if hit.negated else 0.2)
                continue
            if hit.negated:
                continue
            if expr.crisis:
                crisis = True
            for code, weight in expr.weights:
                weight = weight * 0.8 if hit.slip else weight
                weights[code] = max(weights.get(code, 0.0), weight)
        for code, weight in weights.items():
            raw_scores[code] += weight
            if words and words not in because[code]:
                because[code].append(words)

    # A bare 「死ぬ」 is a cry, not a report; in a sentence the word needs company
    # (死にたい, 死ぬしかない) because 祖父が死んだ or 死ぬほど忙しい are not crises.
    if _BARE_PUNCTUATION.sub("", text) in BARE_CRISIS_WORDS:
        crisis = True
        raw_scores[CRISIS_NEED] += 2.0
        because[CRISIS_NEED].append(text)

    # Few or no words we know: ask what the whole sentence is about (semantic.py).
    found = max(raw_scores.values(), default=0.0)
    if found < SEMANTIC_BELOW and len(text) >= 4:
        # Where some words were understood, the sentence only adds to them.
        share = 0.5 if found >= 0.3 else 1.0
        for code, weight in semantic.suggested_needs(text).items():
            raw_scores[code] += weight * share

    language = _language(text)
    if language == "other":
        # Someone writing in another language is, whatever else, a foreign resident.
        raw_scores["foreign"] += 0.5
        if not because["foreign"]:
            because["foreign"].append(text[:20])

    needs = sorted(
        (
            NeedScore(code, round(1 - math.exp(-value), 2), tuple(because[code][:4]))
            for code, value in raw_scores.items()
            if value >= 0.3
        ),
        key=lambda n: (-n.score, NEED_CODES.index(n.code)),
    )
    if crisis:
        # Crisis first, always: whatever else matched, the suicide need leads.
        needs.sort(key=lambda n: n.code != CRISIS_NEED)

    asking = _pick(tokens, "ASKING_FOR")
    if "supporter" in asking:
        asking_for = "supporter"
    elif "family" in asking:
        asking_for = "family"
    elif "friend" in asking:
        asking_for = "friend"
    else:
        asking_for = "self"
    ages = _pick(tokens, "AGE_GROUPS")
    channels = _pick(tokens, "CHANNEL_WORDS")
    if "text" in channels:
        channels = [c for c in channels if c not in ("phone", "text")] + ["chat", "sns", "mail"]
    return Understanding(
        text=text,
        trimmed=cleaned.trimmed,
        crisis=crisis,
        needs=tuple(needs),
        asking_for=asking_for,
        age_group=ages[0] if ages else "",
        channels=tuple(dict.fromkeys(channels)),
        language=language,
        negated_crisis=negated_crisis and not crisis,
    )


def warm_up() -> None:
    """Load the dictionary, the sentence model and the thesaurus (first request stays fast)."""
    load_thesaurus()
    semantic.warm_up()
    for name in ("ASKING_FOR", "AGE_GROUPS", "CHANNEL_WORDS"):
        word_lists(name)
