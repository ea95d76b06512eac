"""Japanese text analysis for the navigator, in one module.

Everything here is pure Python over SudachiPy (core dictionary, split mode A),
so it behaves the same whatever database runs the site. Steps:

1. :func:`clean` — drop control characters, NFKC (ＤＶ→DV, ｶﾀｶﾅ→カタカナ), trim
   to :data:`MAX_CHARS` and say so.
2. :func:`tokenize` — Sudachi morphemes reduced to *content tokens*: normalized
   lemma (子供/こども/子ども → 子供, おらへん → 居る+ない), reading, and where
   they sit in the text. Particles and symbols are dropped so that 「話す相手が
   いない」 and 「話し相手おらへん」 line up; Kansai and classical negatives
   (へん, ひん, ん, ず, ぬ) become ない; obligations (なければならない, なきゃ
   いけない) become one marker so they are not read as a negation.
3. :func:`understand` — match the thesaurus (``thesaurus.py``) by lemma
   sequence (small gaps allowed), by reading (kana-only spellings, wrong-kanji
   slips), by surface, and word by word for other languages; apply cheap, safe
   negation (「死にたいわけではない」) and hyperbole (「死にたいほど忙しい」) rules; and
   score needs. Crisis is a property of the matched expressions, never of the
   ranking.
"""

from __future__ import annotations

import math
import os
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache

from sudachipy import Dictionary, SplitMode

from tsunagari.directory.needs import CRISIS_NEED, NEED_CODES
from tsunagari.navigator import semantic, thesaurus

MAX_CHARS = 500
MAX_GAP = 2  # content tokens allowed between two words of an expression
SEMANTIC_BELOW = 1.0  # below this much thesaurus evidence, sentence meaning is asked too

_NEGATIVES = {"無い", "へん", "ひん", "ず", "ぬ", "ん", "ねえ", "ねー", "ない"}
_OBLIGATION = "〈義務〉"
_DROP_POS = {"助詞", "補助記号", "空白"}
_SKIP_BEFORE_NEGATION = {"だ", "です", "ある", "ます", "は", "居る", "て"}
_PROGRESSIVE = {"てる", "でる", "とる", "どる", "ちょる"}
_NEGATION_BRIDGE = {"居る", "ある", "出来る", "事", "得る", "て", "られる", "れる", "せる", "ます"}
_NEGATION_NOUNS = {"訳", "の", "事", "もの", "物"}
_HYPERBOLE_MARKERS = {"程", "ほど", "くらい", "ぐらい", "位", "レベル"}
_HYPERBOLE_TAILS = {
    "忙しい",
    "眠い",
    "暑い",
    "寒い",
    "恥ずかしい",
    "退屈",
    "暇",
    "面倒",
    "面倒くさい",
    "めんどい",
    "だるい",
    "お腹",
    "腹",
    "空く",
    "笑う",
    "可笑しい",
    "美味しい",
    "痛い",
}

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
_SPACES = re.compile(r"\s+")
_LATIN_WORD = re.compile(r"[a-z0-9]")


# ------------------------------------------------------------------ cleaning


@dataclass(frozen=True)
class Cleaned:
    text: str
    trimmed: bool
    original_length: int


def clean(raw: str | None) -> Cleaned:
    """Control characters out, NFKC width folding, whitespace collapsed, trimmed."""
    raw = raw or ""
    text = _CONTROL.sub("", raw.replace("\r", " ").replace("\t", " "))
    # Lone surrogates cannot be encoded or shown; drop them.
    text = text.encode("utf-8", "ignore").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub(" ", text).strip()
    trimmed = len(text) > MAX_CHARS
    return Cleaned(text=text[:MAX_CHARS].strip(), trimmed=trimmed, original_length=len(text))


def kana_fold(text: str) -> str:
    """Katakana to hiragana and lower case: the surface key for matching."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text.lower())


def latin_fold(text: str) -> str:
    """Lower case without accents (Vietnamese and Portuguese typed on any keyboard)."""
    text = text.lower().replace("đ", "d").replace("’", "'").replace("'", "")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ------------------------------------------------------------------ tokens


@dataclass(frozen=True)
class Token:
    lemma: str
    reading: str
    surface: str
    start: int
    end: int
    # For a word written in kana only: the reading of its lemma, so that とめられそう
    # (lemma とめる) meets 止められる (lemma 止める) — both トメル.
    kana_key: str = ""


_local = threading.local()


def _tokenizer() -> object:
    # Sudachi tokenizers are not thread-safe; one per thread, the dictionary shared.
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        tok = _dictionary().tokenizer(mode=SplitMode.A)
        _local.tokenizer = tok
    return tok


@cache
def _dictionary() -> Dictionary:
    return Dictionary(dict=os.environ.get("NAVIGATOR_SUDACHI_DICT", "core"))


def tokenize(text: str) -> list[Token]:
    """Content tokens of ``text`` (already cleaned)."""
    if not text:
        return []
    tokens: list[Token] = []
    morphemes = list(_tokenizer().tokenize(text))  # type: ignore[attr-defined]
    i = 0
    while i < len(morphemes):
        m = morphemes[i]
        pos = m.part_of_speech()
        lemma = unicodedata.normalize("NFKC", m.normalized_form()).lower()
        if pos[0] in _DROP_POS:
            i += 1
            continue
        if pos[0] == "助動詞" and lemma in _NEGATIVES or lemma == "無い":
            # ない after ば/と (なければならない, ないといけない) is an obligation.
            j = i + 1
            if j < len(morphemes) and morphemes[j].surface() in ("ば", "と", "ゃ", "きゃ"):
                j += 1
            nxt = morphemes[j].normalized_form() if j < len(morphemes) else ""
            surface = m.surface()
            if surface in ("なきゃ", "なくちゃ", "ねば") or (
                j > i + 1 and nxt in ("成る", "行く", "駄目", "いけない")
            ):
                tokens.append(Token(_OBLIGATION, "", surface, m.begin(), m.end()))
                # Swallow the rest of the obligation phrase (ならない / いけない).
                k = j
                while k < len(morphemes) and morphemes[k].normalized_form() in (
                    "成る",
                    "行く",
                    "ない",
                    "駄目",
                    "だ",
                    "いけない",
                    "無い",
                ):
                    k += 1
                i = k
                continue
            lemma = "ない"
        elif pos[0] == "助動詞" and lemma in _PROGRESSIVE:
            lemma = "居る"  # 話してる, 困っとる: contracted ている
        surface = m.surface()
        kana_key = lemma_reading(lemma) if _is_kana(surface) and len(surface) > 1 else ""
        tokens.append(Token(lemma, m.reading_form(), surface, m.begin(), m.end(), kana_key))
        i += 1
    return tokens


@lru_cache(maxsize=20_000)
def lemma_reading(lemma: str) -> str:
    """The reading of a lemma (止める → トメル), in katakana."""
    return "".join(m.reading_form() for m in _tokenizer().tokenize(lemma))  # type: ignore[attr-defined]


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


def _full_reading(text: str) -> str:
    return "".join(m.reading_form() for m in _tokenizer().tokenize(text))  # type: ignore[attr-defined]


def _compile_expression(
    text: str, weights: tuple[tuple[str, float], ...], crisis: bool, kind: str
) -> Expression:
    if kind == "latin":
        folded = latin_fold(text)
        body = r"\s+".join(re.escape(part) for part in folded.split())
        if re.fullmatch(r"[a-z]{3,}", folded.split()[-1]):
            body += (
                r"(?:s|es|ed|d|ing)?"  # English endings: scam → scammed is listed, bully → bullying
            )
        pattern = re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])")
        return Expression(text, weights, crisis, kind, pattern=pattern)
    if kind == "cjk":
        return Expression(
            text, weights, crisis, kind, surface=unicodedata.normalize("NFKC", text).lower()
        )
    surface_only = text.startswith("~")
    cleaned = clean(text.lstrip("~")).text
    expr_tokens = [] if surface_only else tokenize(cleaned)
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
    )


def parse_source(source: str) -> list[tuple[str, tuple[tuple[str, float], ...], bool, str]]:
    """Lines of the thesaurus as (expression, weights, crisis, kind)."""
    rows = []
    for number, line in enumerate(source.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, sep, body = line.partition(":")
        if not sep:
            raise ValueError(f"thesaurus line {number}: no ':'")
        crisis, kind, weights = False, "ja", []
        for part in head.split():
            if part == "!crisis":
                crisis = True
            elif part in ("@latin", "@cjk"):
                kind = part[1:]
            else:
                code, _, weight = part.partition("=")
                if code not in NEED_CODES:
                    raise ValueError(f"thesaurus line {number}: unknown need {code!r}")
                weights.append((code, float(weight or 1.0)))
        for expression in body.split("|"):
            expression = expression.strip()
            if expression:
                rows.append((expression, tuple(weights), crisis, kind))
    return rows


@cache
def load_thesaurus() -> Thesaurus:
    result = Thesaurus()
    first: dict[str, list[Expression]] = defaultdict(list)
    for text, weights, crisis, kind in parse_source(thesaurus.SOURCE):
        expr = _compile_expression(text, weights, crisis, kind)
        result.expressions.append(expr)
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
            if 3 <= len(expr.surface) <= 5 and _is_kanji(expr.surface):
                for i in range(len(expr.surface)):
                    key = expr.surface[:i] + "?" + expr.surface[i + 1 :]
                    result.by_wildcard.setdefault(key, []).append(expr)
    result.by_first_lemma = dict(first)
    return result


@cache
def _word_lists(name: str) -> dict[str, tuple[Expression, ...]]:
    """ASKING_FOR / AGE_GROUPS / CHANNEL_WORDS compiled like thesaurus expressions, per key."""
    table: dict[str, str] = getattr(thesaurus, name)
    out = {}
    for key, words in table.items():
        compiled = (_compile_expression(word.strip(), (), False, "ja") for word in words.split("|"))
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


def _match_lemmas(tokens: list[Token], expr: Expression, start: int) -> int | None:
    """End index if ``expr`` matches from ``start`` with at most MAX_GAP tokens between words.

    A negative (ない) must follow its word closely: 「お金がない」 is not in
    「お金に困ってはいない」, which negates 困る, not お金.
    """
    if not _same(tokens[start], expr, 0):
        return None
    pos = start
    for j in range(1, len(expr.lemmas)):
        lemma = expr.lemmas[j]
        for step in range(1, MAX_GAP + 2):
            k = pos + step
            if k >= len(tokens):
                return None
            if _same(tokens[k], expr, j):
                pos = k
                break
            if tokens[k].lemma == _OBLIGATION:
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
    while k < len(tokens) and k <= end + 5:
        lemma = tokens[k].lemma
        if lemma == "ない":
            return True
        if lemma in _SKIP_BEFORE_NEGATION:
            k += 1
            continue
        if lemma in _NEGATION_NOUNS and not seen_noun:
            seen_noun = True
            k += 1
            continue
        if lemma == "思う":
            k += 1
            continue
        return False
    return False


def _is_hyperbole(text: str, tokens: list[Token], end: int) -> bool:
    """「死にたいほど忙しい」: a crisis word used as an intensifier for a trivial state."""
    after = text[tokens[end].end :].lstrip()
    if not after.startswith(("ほど", "程", "くらい", "ぐらい", "位", "レベル")):
        return False
    tail = [t for t in tokens[end + 1 : end + 4] if t.lemma not in _HYPERBOLE_MARKERS]
    return any(t.lemma in _HYPERBOLE_TAILS for t in tail[:2])


def _is_past_suicide(tokens: list[Token], expr: Expression, end: int) -> bool:
    """「自殺した父」「兄が自死した」: a death that happened — grief, not (by itself) a crisis.

    Not 「自殺したい」 (たい), 「自殺した方がまし」 (方), 「自殺しようとした」 (an attempt).
    """
    if expr.lemmas not in (("自殺",), ("自死",)):
        return False
    after = [t.lemma for t in tokens[end + 1 : end + 4]]
    return after[:2] == ["為る", "た"] and (len(after) < 3 or after[2] not in ("方", "ほう"))


_TOPIC_NOUNS = {
    "予防",
    "対策",
    "防止",
    "率",
    "者",
    "数",
    "件数",
    "問題",
    "ニュース",
    "報道",
    "統計",
    "研修",
    "講座",
    "講演",
    "ゲートキーパー",
    "事件",
    "相談窓口",
    "遺族",
}


def _is_topic(tokens: list[Token], expr: Expression, end: int) -> bool:
    """「自殺予防の講座」「自殺対策」: the word as a topic, not the person's own wish."""
    if len(expr.lemmas) != 1 or end + 1 >= len(tokens):
        return False
    following = tokens[end + 1]
    return following.lemma in _TOPIC_NOUNS and tokens[end].end == following.start


def _is_kanji(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" or c == "々" for c in word)


@cache
def _word_tokenizer() -> object:
    return _dictionary().tokenizer(mode=SplitMode.C)


def _is_one_word(window: str) -> bool:
    """Is ``window`` a word of the dictionary (生活者), not a slip (不登高)?"""
    morphemes = list(_word_tokenizer().tokenize(window))  # type: ignore[attr-defined]
    return len(morphemes) == 1 and not morphemes[0].is_oov()


def _is_kana(word: str) -> bool:
    return all("\u3040" <= c <= "\u30ff" for c in word)


def _span_words(text: str, tokens: list[Token], start: int, end: int) -> str:
    return text[tokens[start].start : tokens[end].end]


def _token_at(tokens: list[Token], offset: int) -> int:
    for index, token in enumerate(tokens):
        if token.end > offset:
            return index
    return len(tokens) - 1


def find_hits(text: str, tokens: list[Token]) -> list[Hit]:
    th = load_thesaurus()
    hits: dict[tuple[str, int], Hit] = {}

    def add(expr: Expression, start: int, end: int, words: str, slip: bool = False) -> None:
        if any(word in text for word in thesaurus.CRISIS_EXCEPTIONS.get(expr.text, ())):
            return  # another meaning of the same word (OD = 起立性調節障害)
        bereaved = topic = False
        if start >= 0:
            negated = _is_negated(tokens, expr, end)
            hyperbole = expr.crisis and _is_hyperbole(text, tokens, end)
            bereaved = expr.crisis and _is_past_suicide(tokens, expr, end)
            topic = expr.crisis and _is_topic(tokens, expr, end)
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
            end = _match_lemmas(tokens, expr, i)
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
                # A reading match is for kana spellings and slips (不当校 = 不/当校 for
                # 不/登校), not for a real homophone (傷害 is not 障害): a whole kanji
                # word sharing no lemma with the expression is another word.
                if (
                    len(span) == len(expr.lemmas)
                    and not any(_is_kana(t.surface) for t in span)
                    and not set(expr.lemmas) & {t.lemma for t in span}
                ):
                    continue
                # Never call a crisis on sound alone when Sudachi read other words
                # there: 「学校いきたくない」 is 行きたくない, not 生きたくない.
                if expr.crisis and len(span) == len(expr.lemmas):
                    continue
                seen.add(id(expr))
                add(expr, start, end, _span_words(text, tokens, start, end))

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
            if len(window) < length or not _is_kanji(window):
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
    return any(_match_lemmas(tokens, expr, i) is not None for i in range(len(tokens)))


def _pick(tokens: list[Token], table: str) -> list[str]:
    return [
        key for key, seqs in _word_lists(table).items() if any(_contains(tokens, e) for e in seqs)
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


def understand(raw: str | None) -> Understanding:
    cleaned = clean(raw)
    text = cleaned.text
    tokens = tokenize(text)
    hits = find_hits(text, tokens)

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
        _word_lists(name)
