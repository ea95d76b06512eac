"""Cleaning and tokenising text for the navigator (SudachiPy, core dictionary, split mode A).

:func:`clean` drops control characters, folds width with NFKC (ＤＶ→DV, ｶﾀｶﾅ→カタカナ)
and trims to :data:`MAX_CHARS`. :func:`tokenize` reduces Sudachi morphemes to
content tokens: normalized lemma (子供/こども/子ども → 子供), reading and position.
Particles and symbols are dropped so that 「話す相手がいない」 and 「話し相手おらへん」
line up; Kansai and classical negatives (へん, ひん, ん, ず, ぬ) become ない;
contracted ている (てる, とる) becomes 居る; obligations (なければならない) become
one marker so they are not read as a negation.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from sudachipy import Dictionary, SplitMode

MAX_CHARS = 2000  # what is read for needs; crisis signs are scanned further (text.py)
OBLIGATION = "〈義務〉"

_NEGATIVES = {"無い", "へん", "ひん", "ず", "ぬ", "ん", "ねえ", "ねー", "ない"}
_DROP_POS = {"助詞", "補助記号", "空白"}
_PROGRESSIVE = {"てる", "でる", "とる", "どる", "ちょる"}
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
_SPACES = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")
_NET_DEATH = re.compile(r"タヒ(?=[なにぬねのんだ])")
_SMALL_VOWEL = re.compile(r"(?<=[\u3041-\u3096])[ぁぃぅぇぉ]")
_BIG_VOWELS = {"ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お"}


# ------------------------------------------------------------------ cleaning


@dataclass(frozen=True)
class Cleaned:
    text: str
    trimmed: bool
    original_length: int


def clean(raw: str | None, limit: int = MAX_CHARS) -> Cleaned:
    """Control characters out, NFKC width folding, whitespace collapsed, trimmed to ``limit``."""
    raw = raw or ""
    text = _CONTROL.sub("", raw.replace("\r", " ").replace("\t", " "))
    # Lone surrogates cannot be encoded or shown; drop them.
    text = text.encode("utf-8", "ignore").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    # Net spellings: タヒ for 死 (タヒにたい), a small vowel for a plain one (死にたぃ, さみしぃ).
    text = _NET_DEATH.sub("死", text)
    text = _SMALL_VOWEL.sub(lambda m: _BIG_VOWELS[m.group(0)], text)
    # Line breaks end sentences (sentences.py); other runs of spaces become one.
    text = _LINES.sub("\n", _SPACES.sub(" ", text)).strip()
    trimmed = len(text) > limit
    return Cleaned(text=text[:limit].strip(), trimmed=trimmed, original_length=len(text))


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


def tokenizer() -> object:
    # Sudachi tokenizers are not thread-safe; one per thread, the dictionary shared.
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        tok = dictionary().tokenizer(mode=SplitMode.A)
        _local.tokenizer = tok
    return tok


@cache
def dictionary() -> Dictionary:
    return Dictionary(dict=os.environ.get("NAVIGATOR_SUDACHI_DICT", "core"))


def tokenize(text: str) -> list[Token]:
    """Content tokens of ``text`` (already cleaned)."""
    if not text:
        return []
    tokens: list[Token] = []
    morphemes = list(tokenizer().tokenize(text))  # type: ignore[attr-defined]
    i = 0
    while i < len(morphemes):
        m = morphemes[i]
        pos = m.part_of_speech()
        lemma = unicodedata.normalize("NFKC", m.normalized_form()).lower()
        if pos[0] in _DROP_POS or (pos[0] == "助動詞" and lemma == "ます"):
            # Particles, symbols and polite ます carry no worry: ありません = ない.
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
                tokens.append(Token(OBLIGATION, "", surface, m.begin(), m.end()))
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
            if tokens and tokens[-1].lemma == "有る" and m.surface() != "ない":
                # あらへん, あらん, ありません: 有る + a negative is 無い, as in 「お金がない」.
                previous = tokens.pop()
                tokens.append(
                    Token("ない", "ナイ", previous.surface + m.surface(), previous.start, m.end())
                )
                i += 1
                continue
        elif pos[0] == "助動詞" and lemma in _PROGRESSIVE:
            lemma = "居る"  # 話してる, 困っとる: contracted ている
        surface = m.surface()
        kana_key = lemma_reading(lemma) if is_kana(surface) and len(surface) > 1 else ""
        tokens.append(Token(lemma, m.reading_form(), surface, m.begin(), m.end(), kana_key))
        i += 1
    return tokens


@lru_cache(maxsize=20_000)
def lemma_reading(lemma: str) -> str:
    """The reading of a lemma (止める → トメル), in katakana."""
    return "".join(m.reading_form() for m in tokenizer().tokenize(lemma))  # type: ignore[attr-defined]


def is_kana(word: str) -> bool:
    return all("\u3040" <= c <= "\u30ff" for c in word)


def is_kanji(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" or c == "々" for c in word)


# Hepburn (and common keyboard) romaji, longest first: foreign residents and
# phones without a Japanese keyboard write 「shinitai」 for 死にたい.
_ROMAJI = {
    "kya": "きゃ", "kyu": "きゅ", "kyo": "きょ", "sha": "しゃ", "shu": "しゅ", "sho": "しょ", "shi": "し",
    "sya": "しゃ", "syu": "しゅ", "syo": "しょ", "cha": "ちゃ", "chu": "ちゅ", "cho": "ちょ", "chi": "ち",
    "tya": "ちゃ", "tyu": "ちゅ", "tyo": "ちょ", "tsu": "つ", "nya": "にゃ", "nyu": "にゅ", "nyo": "にょ",
    "hya": "ひゃ", "hyu": "ひゅ", "hyo": "ひょ", "mya": "みゃ", "myu": "みゅ", "myo": "みょ", "rya": "りゃ",
    "ryu": "りゅ", "ryo": "りょ", "gya": "ぎゃ", "gyu": "ぎゅ", "gyo": "ぎょ", "bya": "びゃ", "byu": "びゅ",
    "byo": "びょ", "pya": "ぴゃ", "pyu": "ぴゅ", "pyo": "ぴょ", "ja": "じゃ", "ju": "じゅ", "jo": "じょ",
    "ji": "じ", "zya": "じゃ", "zyu": "じゅ", "zyo": "じょ", "fu": "ふ", "ka": "か", "ki": "き", "ku": "く",
    "ke": "け", "ko": "こ", "sa": "さ", "si": "し", "su": "す", "se": "せ", "so": "そ", "ta": "た", "ti": "ち",
    "tu": "つ", "te": "て", "to": "と", "na": "な", "ni": "に", "nu": "ぬ", "ne": "ね", "no": "の", "ha": "は",
    "hi": "ひ", "hu": "ふ", "he": "へ", "ho": "ほ", "ma": "ま", "mi": "み", "mu": "む", "me": "め", "mo": "も",
    "ya": "や", "yu": "ゆ", "yo": "よ", "ra": "ら", "ri": "り", "ru": "る", "re": "れ", "ro": "ろ", "wa": "わ",
    "wo": "を", "ga": "が", "gi": "ぎ", "gu": "ぐ", "ge": "げ", "go": "ご", "za": "ざ", "zi": "じ", "zu": "ず",
    "ze": "ぜ", "zo": "ぞ", "da": "だ", "di": "ぢ", "du": "づ", "de": "で", "do": "ど", "ba": "ば", "bi": "び",
    "bu": "ぶ", "be": "べ", "bo": "ぼ", "pa": "ぱ", "pi": "ぴ", "pu": "ぷ", "pe": "ぺ", "po": "ぽ", "a": "あ",
    "i": "い", "u": "う", "e": "え", "o": "お",
}  # fmt: skip


def _romaji_word(word: str) -> str | None:
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and word[i] == word[i + 1] and word[i] not in "aeioun":
            out.append("っ")  # doubled consonant: kitte → きって
            i += 1
            continue
        for size in (3, 2, 1):
            kana = _ROMAJI.get(word[i : i + size])
            if kana:
                out.append(kana)
                i += size
                break
        else:
            if word[i] == "n":  # ん before a consonant or at the end
                out.append("ん")
                i += 1
                continue
            return None
    return "".join(out)


def romaji_to_kana(text: str) -> str | None:
    """「shinitai」 → 「しにたい」, when the text reads as romaji Japanese; else None."""
    words = re.findall(r"[a-z]+", text.lower())
    if not words or not text.isascii():
        return None
    converted = [_romaji_word(word) for word in words]
    long_ok = [w for w, k in zip(words, converted, strict=True) if k and len(w) >= 4]
    if sum(1 for k in converted if k) < 0.8 * len(words) or not long_ok:
        return None
    return "".join(k or "" for k in converted)
