"""The worry thesaurus compiled, and matched against a person's tokens.

Expressions (``thesaurus.py``) are analysed like the person's text and matched by
lemma sequence (small gaps allowed), by reading (kana spellings, wrong-kanji slips),
by a kana word's lemma reading, by surface, by a one-character wildcard for kanji
words, and word by word for other languages. Each hit says whether it is negated
(「死にたいわけではない」), hyperbole (「死にたいほど忙しい」), someone's past
suicide (「自殺した父」) or a topic (「自殺予防」): cheap, safe cases only.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from sudachipy import SplitMode

from tsunagari.navigator.lexicon import Entry, crisis_exceptions, cues, who_words, worry_entries
from tsunagari.navigator.tokens import (
    OBLIGATION,
    Token,
    clean,
    dictionary,
    is_kana,
    is_kanji,
    kana_fold,
    latin_fold,
    lemma_reading,
    tokenize,
    tokenizer,
)

MAX_GAP = 2  # content tokens allowed between two words of an expression

_SKIP_BEFORE_NEGATION = {"だ", "です", "ある", "ます", "は", "居る", "て", "為る", "た"}
# Words between a sign and the negative that keep it one thought: 「自殺なんて考えてません」
# 「死ぬつもりはまったくない」「自分を傷つけたことはありません」.
_NEGATED_THOUGHT = {
    "思う",
    "考える",
    "気",
    "積もり",
    "つもり",
    "全く",
    "全然",
    "別に",
    "決して",
    "絶対",
    "必要",
    "理由",
}
_NEGATION_BRIDGE = {"居る", "ある", "出来る", "事", "得る", "て", "られる", "れる", "せる", "ます"}
_NEGATION_NOUNS = {"訳", "の", "事", "こと", "もの", "物"}
_HYPERBOLE_MARKERS = {"程", "ほど", "くらい", "ぐらい", "位", "レベル"}
_LATIN_WORD = re.compile(r"[a-z0-9]")


# ------------------------------------------------------------------ thesaurus


@dataclass(frozen=True)
class Expression:
    text: str
    weights: tuple[tuple[str, float], ...]
    crisis: bool
    kind: str  # "ja" | "latin" | "cjk"
    lemmas: tuple[str, ...] = ()
    lemma_readings: tuple[str, ...] = ()
    token_readings: tuple[str, ...] = ()  # as read in the expression: 金 in お金 is カネ
    reading: str = ""
    surface: str = ""
    pattern: re.Pattern[str] | None = None
    flags: frozenset[str] = frozenset()

    @property
    def compound(self) -> bool:
        """One kanji word of several parts (家出, 生活保護): its parts must stand together.

        Otherwise 「家出」 would be found in 「家から出てこない」 and 「生活保護」 in 「生活を保護者が」."""
        return len(self.lemmas) > 1 and all("\u4e00" <= c <= "\u9fff" for c in self.surface)


@dataclass
class Thesaurus:
    expressions: list[Expression] = field(default_factory=list)
    by_first_lemma: dict[str, list[Expression]] = field(default_factory=dict)
    by_first_lemma_reading: dict[str, list[Expression]] = field(default_factory=dict)
    by_reading: dict[str, list[Expression]] = field(default_factory=dict)  # by first 2 kana
    by_surface: dict[str, list[Expression]] = field(default_factory=dict)  # by first 2 chars
    # Kanji words of 3–5 characters by each one-character wildcard (不登校 → ?登校, 不?校, 不登?)
    by_wildcard: dict[str, list[Expression]] = field(default_factory=dict)
    latin: list[Expression] = field(default_factory=list)
    cjk: list[Expression] = field(default_factory=list)
    # Japanese crisis expressions with a reading long enough to find in kana-only text.
    crisis_ja: list[Expression] = field(default_factory=list)
    # Signs that count only when they are all the person wrote (a bare 「死ぬ」).
    alone: list[Expression] = field(default_factory=list)


def _full_reading(text: str) -> str:
    return "".join(m.reading_form() for m in tokenizer().tokenize(text))  # type: ignore[attr-defined]


def compile_entry(entry: Entry) -> Expression:
    """An expression of the lexicon, analysed like a person's text."""
    text, weights, crisis, kind = entry.expression, entry.weights, entry.crisis, entry.kind
    if kind == "latin":
        folded = latin_fold(text)
        body = r"\s+".join(re.escape(part) for part in folded.split())
        if re.fullmatch(r"[a-z]{3,}", folded.split()[-1]):
            body += (
                r"(?:s|es|ed|d|ing)?"  # English endings: scam → scammed is listed, bully → bullying
            )
        pattern = re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])")
        return Expression(text, weights, crisis, kind, pattern=pattern, flags=entry.flags)
    if kind == "cjk":
        surface = unicodedata.normalize("NFKC", text).lower()
        return Expression(text, weights, crisis, kind, surface=surface, flags=entry.flags)
    cleaned = clean(text).text
    expr_tokens = [] if "sound" in entry.flags else tokenize(cleaned)
    lemmas = tuple(t.lemma for t in expr_tokens)
    return Expression(
        text,
        weights,
        crisis,
        kind,
        lemmas=lemmas,
        lemma_readings=tuple(lemma_reading(lemma) for lemma in lemmas),
        token_readings=tuple(t.reading for t in expr_tokens),
        reading=_full_reading(cleaned),
        surface=kana_fold(cleaned),
        flags=entry.flags,
    )


def unmatchable(entry: Entry) -> str:
    """Why the tokenizer could never match ``entry`` (empty when it can), for ``check_lexicon``."""
    if entry.kind == "latin":
        return "" if latin_fold(entry.expression).strip() else "has no letters"
    if entry.kind == "cjk":
        return ""
    expr = compile_entry(entry)
    if "alone" in entry.flags:
        return "" if expr.surface else "is empty"
    if "sound" in entry.flags:
        return "" if len(expr.surface) >= 2 else "is too short to match by sound"
    if not expr.lemmas:
        return "has no content words (only particles or symbols)"
    if "alone" not in entry.flags and len(expr.surface) < 2 and not is_kanji(expr.surface):
        return "is a single kana, which would match inside other words"
    return ""


def build_thesaurus(entries: tuple[Entry, ...] | list[Entry]) -> Thesaurus:
    result = Thesaurus()
    first: dict[str, list[Expression]] = defaultdict(list)
    for entry in entries:
        expr = compile_entry(entry)
        if "alone" in entry.flags:
            result.alone.append(expr)
            continue
        result.expressions.append(expr)
        kind, crisis = expr.kind, expr.crisis
        if kind == "latin":
            result.latin.append(expr)
        elif kind == "cjk":
            result.cjk.append(expr)
        else:
            if expr.lemmas:
                first[expr.lemmas[0]].append(expr)
                if expr.lemma_readings[0]:
                    result.by_first_lemma_reading.setdefault(expr.lemma_readings[0], []).append(
                        expr
                    )
            # Reading matches need enough kana to be specific (シニタイ, フトウコウ).
            if len(expr.reading) >= 4 or (len(expr.reading) >= 3 and len(expr.lemmas) <= 1):
                result.by_reading.setdefault(expr.reading[:2], []).append(expr)
            if len(expr.surface) >= 3 or not expr.lemmas:
                result.by_surface.setdefault(expr.surface[:2], []).append(expr)
            if 3 <= len(expr.surface) <= 5 and is_kanji(expr.surface):
                for i in range(len(expr.surface)):
                    key = expr.surface[:i] + "?" + expr.surface[i + 1 :]
                    result.by_wildcard.setdefault(key, []).append(expr)
            if crisis and len(expr.reading) >= 3:
                result.crisis_ja.append(expr)
    result.by_first_lemma = dict(first)
    return result


@cache
def load_thesaurus() -> Thesaurus:
    """Crisis signs and need expressions (``lexicon/crisis.tsv``, ``lexicon/needs/``)."""
    return build_thesaurus(worry_entries())


@cache
def load_urgent() -> Thesaurus:
    """Urgent situations (``lexicon/urgent.tsv``)."""
    from tsunagari.navigator.lexicon import urgent_entries

    return build_thesaurus(urgent_entries())


@cache
def load_warnings() -> Thesaurus:
    """Warning signs of suicide (``lexicon/warnings.tsv``)."""
    from tsunagari.navigator.lexicon import warning_entries

    return build_thesaurus(warning_entries())


@cache
def word_lists(kind: str) -> dict[str, tuple[Expression, ...]]:
    """``who.tsv`` (asking_for / age / channel) compiled like lexicon expressions, per key."""
    out = {}
    for key, words in who_words()[kind].items():
        compiled = (compile_entry(Entry(word, (), frozenset(), "", "who.tsv", 0)) for word in words)
        out[key] = tuple(expr for expr in compiled if expr.lemmas)
    return out


# ------------------------------------------------------------------ matching


@dataclass(frozen=True)
class Hit:
    expression: Expression
    start_token: int  # index into tokens; -1 for matches outside Japanese tokens
    end_token: int  # inclusive
    words: str  # the person's own words that matched
    negated: bool = False
    hyperbole: bool = False
    slip: bool = False  # matched with one character wrong
    bereaved: bool = False  # someone's past suicide: 「自殺した父」
    topic: bool = False  # the word as a subject: 「自殺予防の講座」


def _same(token: Token, expr: Expression, j: int) -> bool:
    if token.lemma == expr.lemmas[j]:
        return True
    # Sound alone never makes a crisis: 首がつる (a cramp) is not 首を吊る.
    return (
        bool(token.kana_key)
        and not expr.crisis
        and (token.kana_key == expr.lemma_readings[j] or token.reading == expr.token_readings[j])
    )


def match_lemmas(tokens: list[Token], expr: Expression, start: int) -> int | None:
    """End index if ``expr`` matches from ``start`` with at most MAX_GAP tokens between words.

    A negative (ない) must follow its word closely: 「お金がない」 is not in
    「お金に困ってはいない」, which negates 困る, not お金.
    """
    if not _same(tokens[start], expr, 0):
        return None
    pos = start
    gap = 0 if expr.compound else MAX_GAP
    for j in range(1, len(expr.lemmas)):
        lemma = expr.lemmas[j]
        for step in range(1, gap + 2):
            k = pos + step
            if k >= len(tokens):
                return None
            if _same(tokens[k], expr, j):
                pos = k
                break
            if tokens[k].lemma == OBLIGATION:
                return None
            if lemma == "ない" and tokens[k].lemma not in _NEGATION_BRIDGE:
                return None
        else:
            return None
    return pos


def _is_negated(tokens: list[Token], expr: Expression, end: int) -> bool:
    """「死にたくない」「死にたいわけではない」「死にたいとは思わない」 — cheap, safe cases only."""
    if expr.lemmas and expr.lemmas[-1] == "ない":
        return False
    k = end + 1
    seen_noun = False
    while k < len(tokens) and k <= end + 7:
        lemma = tokens[k].lemma
        if lemma == "ない":
            return True
        if lemma in _SKIP_BEFORE_NEGATION or lemma in _NEGATED_THOUGHT:
            k += 1
            continue
        if lemma in _NEGATION_NOUNS and not seen_noun:
            seen_noun = True
            k += 1
            continue
        return False
    return False


_LAUGHTER = ("w", "ｗ", "笑", "草", "(笑)", "（笑）", "気で")


def _is_hyperbole(text: str, tokens: list[Token], end: int) -> bool:
    """「死にたいほど忙しい」: a crisis word used as an intensifier for a trivial state;
    「マジ死にたいｗ」: said laughing; 「死ぬ気で頑張る」: an idiom for trying hard; and a sign
    in a sentence about embarrassment (「恥ずかしくて消えたい」)."""
    after = text[tokens[end].end :].lstrip()
    if after.startswith(_LAUGHTER):
        return True
    sentence_start = max(text.rfind(mark, 0, tokens[end].start) for mark in "。！？!?\n") + 1
    if any(word in text[sentence_start : tokens[end].start] for word in cues()["embarrassed"]):
        return True
    if not after.startswith(("ほど", "程", "くらい", "ぐらい", "位", "レベル")):
        return False
    tail = [t for t in tokens[end + 1 : end + 4] if t.lemma not in _HYPERBOLE_MARKERS]
    return any(t.lemma in cues()["hyperbole_tail"] for t in tail[:2])


def _is_past_suicide(tokens: list[Token], expr: Expression, end: int) -> bool:
    """「自殺した父」「兄が自死した」: a death that happened — grief, not (by itself) a crisis.

    Not 「自殺したい」 (たい), 「自殺した方がまし」 (方), 「自殺しようとした」 (an attempt).
    """
    if expr.lemmas not in (("自殺",), ("自死",)):
        return False
    after = [t.lemma for t in tokens[end + 1 : end + 4]]
    if after[:2] == ["為る", "た"] and (len(after) < 3 or after[2] not in ("方", "ほう")):
        return True
    # 「友人が自殺して辛い」「兄が自殺してから眠れない」: someone else's death, then how one
    # feels. Not 「父が自殺しそう」 or 「母が自殺しようとしている」 (a threat, an attempt).
    someone = end > 0 and tokens[end - 1].lemma in cues()["other"]
    return (
        someone
        and len(after) >= 2
        and after[0] == "為る"
        and after[1] not in ("為る", "そう", "たい", "居る", "積もり", "つもり")
    )


def _is_topic(tokens: list[Token], expr: Expression, end: int) -> bool:
    """「自殺予防の講座」「自殺対策」: the word as a topic, not the person's own wish."""
    if len(expr.lemmas) != 1 or end + 1 >= len(tokens):
        return False
    following = tokens[end + 1]
    return following.lemma in cues()["topic_noun"] and tokens[end].end == following.start


@cache
def _word_tokenizer() -> object:
    return dictionary().tokenizer(mode=SplitMode.C)


def _is_one_word(window: str) -> bool:
    """Is ``window`` a word of the dictionary (生活者), not a slip (不登高)?"""
    morphemes = list(_word_tokenizer().tokenize(window))  # type: ignore[attr-defined]
    return len(morphemes) == 1 and not morphemes[0].is_oov()


def _span_words(text: str, tokens: list[Token], start: int, end: int) -> str:
    return text[tokens[start].start : tokens[end].end]


def _token_at(tokens: list[Token], offset: int) -> int:
    for index, token in enumerate(tokens):
        if token.end > offset:
            return index
    return len(tokens) - 1


@dataclass(frozen=True)
class _Morpheme:
    """A morpheme as Sudachi read it, particles included (tokens drop them)."""

    surface: str
    reading: str
    pos: str
    start: int
    end: int


def _morphemes(text: str) -> list[_Morpheme]:
    return [
        _Morpheme(m.surface(), m.reading_form(), m.part_of_speech()[0], m.begin(), m.end())
        for m in tokenizer().tokenize(text)  # type: ignore[attr-defined]
    ]


def _goes_somewhere(morphemes: list[_Morpheme], offset: int) -> bool:
    """Is the word before ``offset`` a place or に/へ? Then いきたくない is 行きたくない
    (学校いきたくない), not 生きたくない."""
    before = [m for m in morphemes if m.end <= offset and m.surface.strip()]
    if not before:
        return False
    last = before[-1]
    # 「ついていきたくない」: after a て-form, いく is the auxiliary "go on", not 生きる.
    return last.pos == "名詞" or (last.pos == "助詞" and last.surface in ("に", "へ", "て", "で"))


def _ambiguous_iku(expr: Expression, morphemes: list[_Morpheme], offset: int) -> bool:
    return expr.reading.startswith("イキ") and _goes_somewhere(morphemes, offset)


@cache
def _topic_readings() -> tuple[str, ...]:
    """The topic nouns as read (ヨボウ, タイサク), longest first, for kana-only text.
    Single-kana readings (率 リツ is fine; 者 シャ, 数 スウ) are too short to trust here."""
    readings = {_full_reading(noun) for noun in cues()["topic_noun"]}
    return tuple(sorted((r for r in readings if len(r) >= 3), key=len, reverse=True))


def _topic_follows(morphemes: list[_Morpheme], expr: Expression, offset: int) -> bool:
    """「じさつたいさく」: a topic noun right after the word, read in kana."""
    if len(expr.lemmas) != 1:
        return False
    after = "".join(m.reading for m in morphemes if m.start >= offset)
    return after.startswith(_topic_readings())


def _reading_edges(morphemes: list[_Morpheme]) -> tuple[str, dict[int, int]]:
    """The reading of the whole text, and each morpheme edge as reading position → offset.

    Spaces read as nothing: kana written word by word (いきてる いみが), as children and
    people learning Japanese often write, reads the same as without them."""
    reading = ""
    edges: dict[int, int] = {}
    for m in morphemes:
        if m.surface.isspace():
            edges.setdefault(len(reading), m.start)
            continue
        edges.setdefault(len(reading), m.start)
        reading += m.reading
        edges[len(reading)] = m.end
    return reading, edges


def _kana_reading_spans(
    text: str, morphemes: list[_Morpheme], th: Thesaurus
) -> list[tuple[Expression, int, int]]:
    """Words of four kana or more typed in kana only, found between morpheme edges."""
    reading, edges = _reading_edges(morphemes)
    found = []
    for at in sorted(edges):
        for expr in th.by_reading.get(reading[at : at + 2], ()):
            end = at + len(expr.reading)
            if expr.crisis or len(expr.reading) < 4 or end not in edges:
                continue
            if not reading.startswith(expr.reading, at):
                continue
            start_char, end_char = edges[at], edges[end]
            if is_kana("".join(text[start_char:end_char].split()).replace("ー", "")):
                found.append((expr, start_char, end_char))
    return found


def _kana_crisis_spans(
    text: str, morphemes: list[_Morpheme], th: Thesaurus
) -> list[tuple[Expression, int, int]]:
    """Crisis words typed in kana only (しんでしまいたい, いきていたくない): matched on the
    reading of the whole text, particles included, from one morpheme edge to another.
    Words written with kanji are left to the lemma match and its guards."""
    reading, edges = _reading_edges(morphemes)
    found = []
    for expr in th.crisis_ja:
        at = reading.find(expr.reading)
        while at >= 0:
            end = at + len(expr.reading)
            if at in edges and end in edges:
                start_char, end_char = edges[at], edges[end]
                span = "".join(text[start_char:end_char].split())
                if is_kana(span.replace("ー", "")) and not _ambiguous_iku(
                    expr, morphemes, start_char
                ):
                    found.append((expr, start_char, end_char))
            at = reading.find(expr.reading, at + 1)
    return found


def find_hits(text: str, tokens: list[Token], th: Thesaurus | None = None) -> list[Hit]:
    th = th or load_thesaurus()
    hits: dict[tuple[str, int], Hit] = {}
    morphemes = _morphemes(text)

    def add(expr: Expression, start: int, end: int, words: str, slip: bool = False) -> None:
        if any(word in text for word in crisis_exceptions().get(expr.text, ())):
            return  # another meaning of the same word (OD = 起立性調節障害)
        bereaved = topic = False
        if start >= 0:
            negated = _is_negated(tokens, expr, end)
            hyperbole = expr.crisis and _is_hyperbole(text, tokens, end)
            bereaved = expr.crisis and _is_past_suicide(tokens, expr, end)
            topic = expr.crisis and (
                _is_topic(tokens, expr, end) or _topic_follows(morphemes, expr, tokens[end].end)
            )
        else:
            negated = hyperbole = False
        key = (expr.text + "/" + ",".join(c for c, _ in expr.weights), start)
        if key not in hits:
            hits[key] = Hit(expr, start, end, words, negated, hyperbole, slip, bereaved, topic)

    # 1. Lemma sequences.
    for i, token in enumerate(tokens):
        candidates = th.by_first_lemma.get(token.lemma, [])
        if token.kana_key:
            candidates = candidates + th.by_first_lemma_reading.get(token.kana_key, [])
            candidates = candidates + th.by_first_lemma_reading.get(token.reading, [])
        for expr in dict.fromkeys(candidates):
            end = match_lemmas(tokens, expr, i)
            if end is not None:
                add(expr, i, end, _span_words(text, tokens, i, end))

    # 2. Readings (kana-only spellings, homophone slips), mapped back to tokens.
    if tokens:
        reading = ""
        owner: list[int] = []
        starts: set[int] = set()
        ends: set[int] = set()
        for index, token in enumerate(tokens):
            starts.add(len(reading))
            reading += token.reading
            ends.add(len(reading))
            owner.extend([index] * len(token.reading))
        seen: set[int] = {id(h.expression) for h in hits.values()}
        for at in sorted(starts):
            for expr in th.by_reading.get(reading[at : at + 2], ()):
                # Only whole tokens: イショ (遺書) must not match inside タイショク (退職).
                if id(expr) in seen or not reading.startswith(expr.reading, at):
                    continue
                if at + len(expr.reading) not in ends:
                    continue
                start, end = owner[at], owner[at + len(expr.reading) - 1]
                span = tokens[start : end + 1]
                # The tokens leave particles out: a reading must not run across one
                # (家出 is not in 「家から出てこない」).
                if any(a.end != b.start for a, b in zip(span, span[1:], strict=False)):
                    continue
                # A reading match is for kana spellings and slips (不当校 = 不/当校 for
                # 不/登校), not for a real homophone (傷害 is not 障害): a whole kanji
                # word sharing no lemma with the expression is another word.
                if (
                    len(span) == len(expr.lemmas)
                    and not any(is_kana(t.surface) for t in span)
                    and not set(expr.lemmas) & {t.lemma for t in span}
                ):
                    continue
                # Never call a crisis on sound alone when Sudachi read other words
                # there: 「学校いきたくない」 is 行きたくない, not 生きたくない.
                if expr.crisis and (
                    len(span) == len(expr.lemmas)
                    or _ambiguous_iku(expr, morphemes, tokens[start].start)
                ):
                    continue
                seen.add(id(expr))
                add(expr, start, end, _span_words(text, tokens, start, end))

    # 2b. Other words in kana only, read with their particles: Sudachi may cut
    # 「にんちしょう」 into に/ん/ち/しょう and the tokens above drop the particles.
    seen = {id(h.expression) for h in hits.values()}
    for expr, start_char, end_char in _kana_reading_spans(text, morphemes, th):
        covered = [i for i, t in enumerate(tokens) if t.end > start_char and t.start < end_char]
        if id(expr) in seen or not covered:
            continue
        seen.add(id(expr))
        add(expr, covered[0], covered[-1], text[start_char:end_char])

    # 2c. Crisis words in kana only, read with their particles (しんでしまいたい).
    seen = {id(h.expression) for h in hits.values()}
    for expr, start_char, end_char in _kana_crisis_spans(text, morphemes, th):
        covered = [i for i, t in enumerate(tokens) if t.end > start_char and t.start < end_char]
        if id(expr) in seen or not covered:
            continue
        seen.add(id(expr))
        add(expr, covered[0], covered[-1], text[start_char:end_char])

    # 3. Surfaces (longer expressions, whatever Sudachi made of them), from a token start.
    folded = kana_fold(text)
    seen = {id(h.expression) for h in hits.values()}
    for at in sorted({t.start for t in tokens}):
        for expr in th.by_surface.get(folded[at : at + 2], ()):
            if id(expr) in seen or not folded.startswith(expr.surface, at):
                continue
            seen.add(id(expr))
            start = _token_at(tokens, at)
            end = _token_at(tokens, at + len(expr.surface) - 1)
            add(expr, start, end, text[at : at + len(expr.surface)])

    # 4. One-character slips in kanji words (不登高 → 不登校, 認知賞 → 認知症), when the
    # slip is not itself a word: weaker than a real match.
    seen = {id(h.expression) for h in hits.values()}
    for at in sorted({t.start for t in tokens}):
        for length in (3, 4, 5):
            window = text[at : at + length]
            if len(window) < length or not is_kanji(window):
                break
            for i in range(length):
                for expr in th.by_wildcard.get(window[:i] + "?" + window[i + 1 :], ()):
                    if id(expr) in seen or expr.surface == window or _is_one_word(window):
                        continue
                    seen.add(id(expr))
                    start = _token_at(tokens, at)
                    end = _token_at(tokens, at + length - 1)
                    add(expr, start, end, window, slip=True)

    # 5. Other languages.
    latin = latin_fold(text)
    if _LATIN_WORD.search(latin):
        for expr in th.latin:
            found = expr.pattern.search(latin) if expr.pattern else None
            if found:
                add(expr, -1, -1, expr.text)
    lowered = text.lower()
    # Chinese keywords are also Japanese words (家庭, 学校): only for text with no kana.
    has_kana = any("\u3040" <= c <= "\u30ff" for c in text)
    for expr in th.cjk:
        if has_kana and not any("\uac00" <= c <= "\ud7a3" for c in expr.surface):
            continue
        if expr.surface and expr.surface in lowered:
            add(expr, -1, -1, expr.text)

    return list(hits.values())
