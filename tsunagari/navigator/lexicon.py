"""The navigator's vocabulary, read from the data files in ``lexicon/``.

People who know how worries are put into words (linguists, counsellors, city
staff) keep these files; Python holds only the mechanism. Every file is UTF-8,
tab-separated, one entry a line, ``#`` for comments:

``crisis.tsv``, ``needs/*.tsv``
    ``expression  needs  flags  note`` — ``needs`` is ``code=weight`` pairs
    (``suicide=2 mental=0.5``); ``flags`` is a comma list of ``crisis`` (a sign
    of suicidal thoughts, self-harm or overdose), ``latin`` (English, Portuguese,
    Vietnamese … whole words, accents optional), ``cjk`` (Chinese, Korean: plain
    substrings), ``sound`` (matched by reading and surface only, never by lemma:
    「死にたか」 has the lemmas of 「死んだ」), ``alone`` (a sign only when it is
    all the person wrote), ``after_loss`` (a sign only in a text that names a death:
    「妻のもとへ行くつもり」 after 「妻が亡くなって」 is a wish to follow her).
``urgent.tsv``
    ``expression  situation  flags  note`` — a situation that needs action today
    (codes in :mod:`tsunagari.navigator.urgent`); flags as above, and ``weak`` (counts only
    when the text also says it is happening now: 今, 今夜, 助けて …).
``warnings.tsv``
    ``expression  group  flags  note`` — warning signs of suicide that are not a crisis alone
    (a goodbye, getting ready, a method or place, feeling a burden, the wish to end it,
    hopelessness); groups in :data:`WARNING_GROUPS`. Two groups in one text make a crisis
    (:mod:`tsunagari.navigator.text`).
``urgent_lines.tsv``
    ``situation  line  note`` — which sourced lines each urgent situation shows, in order.
``cues.tsv``
    ``kind  word  note`` — whose a sign is, when, and whether it is a topic (see :mod:`.scope`).
``who.tsv``
    ``kind  key  expression  note`` — who the worry is about, age, preferred channel.
``exceptions.tsv``
    ``expression  word  note`` — a crisis expression means something else when the word is near.

Weights: 1.0 names the need plainly; 0.4–0.7 is a hint that needs company;
1.3+ is a phrase that settles it. ``manage.py check_lexicon`` checks the files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tsunagari.directory.needs import NEED_CODES

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


def lexicon_dir() -> Path:
    """The lexicon folder (``NAVIGATOR_LEXICON_DIR`` lets ``check_lexicon`` check a copy)."""
    from django.conf import settings

    return Path(getattr(settings, "NAVIGATOR_LEXICON_DIR", "") or LEXICON_DIR)


FLAGS = frozenset({"crisis", "latin", "cjk", "sound", "alone", "weak", "after_loss"})
CUE_KINDS = frozenset(
    {
        "self",
        "other",
        "people",
        "topic",
        "topic_noun",
        "past",
        "ongoing",
        "over",
        "hyperbole_tail",
        "now",
        "risk",
        "embarrassed",
        "grief",
        "intent",
        "after_death",
        "worry_for_others",
        "burden",
        "intensifier",
        "loss",
        "departure",
    }
)
# Warning signs of suicide (warnings.tsv), as suicide-prevention training teaches them.
# ``hopeless`` and ``burden`` are common in ordinary worries: they count only beside a sign
# of another group (text.WARNING_ALONE_GROUPS says which groups can start a crisis).
WARNING_GROUPS = ("goodbye", "preparing", "method", "ending", "burden", "hopeless")
WHO_KINDS = {
    "asking_for": {"family", "friend", "supporter"},
    "age": {"child", "youth", "elderly"},
    "channel": {"phone", "chat", "mail", "visit", "text"},
}


class LexiconError(ValueError):
    """A line of a lexicon file that cannot be read: the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    expression: str
    weights: tuple[tuple[str, float], ...]
    flags: frozenset[str]
    note: str
    file: str
    line: int

    @property
    def crisis(self) -> bool:
        return "crisis" in self.flags

    @property
    def kind(self) -> str:
        """How the expression is matched: Japanese (``ja``), ``latin`` words or ``cjk`` substrings."""
        if "latin" in self.flags:
            return "latin"
        if "cjk" in self.flags:
            return "cjk"
        return "ja"


def _rows(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) < 2 or len(cells) > columns:
            raise LexiconError(
                f"{path.relative_to(lexicon_dir())}:{number}: expected up to {columns} tab-separated "
                f"columns, found {len(cells)}"
            )
        cells += [""] * (columns - len(cells))
        rows.append((number, [c.strip() for c in cells]))
    return rows


def _flags(text: str, where: str) -> frozenset[str]:
    flags = frozenset(f.strip() for f in text.split(",") if f.strip())
    unknown = flags - FLAGS
    if unknown:
        raise LexiconError(f"{where}: unknown flag {', '.join(sorted(unknown))}")
    return flags


def _weights(
    text: str, where: str, codes: tuple[str, ...] | list[str]
) -> tuple[tuple[str, float], ...]:
    weights = []
    for part in text.split():
        code, _, weight = part.partition("=")
        if code not in codes:
            raise LexiconError(f"{where}: unknown code {code!r}")
        try:
            value = float(weight or 1.0)
        except ValueError:
            raise LexiconError(f"{where}: weight {weight!r} is not a number") from None
        weights.append((code, value))
    if not weights:
        raise LexiconError(f"{where}: no code")
    return tuple(weights)


def _entries(path: Path, codes: tuple[str, ...] | list[str]) -> list[Entry]:
    name = str(path.relative_to(lexicon_dir()))
    out = []
    for number, (expression, weights, flags, note) in _rows(path, 4):
        where = f"{name}:{number}"
        if not expression:
            raise LexiconError(f"{where}: empty expression")
        out.append(
            Entry(
                expression,
                _weights(weights, where, codes),
                _flags(flags, where),
                note,
                name,
                number,
            )
        )
    return out


@cache
def worry_entries() -> tuple[Entry, ...]:
    """Crisis signs and need expressions, crisis first."""
    root = lexicon_dir()
    files = [root / "crisis.tsv", *sorted((root / "needs").glob("*.tsv"))]
    return tuple(entry for path in files for entry in _entries(path, NEED_CODES))


@cache
def urgent_entries() -> tuple[Entry, ...]:
    from tsunagari.navigator.urgent import SITUATION_CODES

    return tuple(_entries(lexicon_dir() / "urgent.tsv", SITUATION_CODES))


@cache
def warning_entries() -> tuple[Entry, ...]:
    return tuple(_entries(lexicon_dir() / "warnings.tsv", WARNING_GROUPS))


@cache
def urgent_lines() -> dict[str, tuple[str, ...]]:
    """Situation code → names of sourced lines, in the order they are shown."""
    from tsunagari.navigator.urgent import SITUATION_CODES

    out: dict[str, list[str]] = defaultdict(list)
    for number, (code, line, _note) in _rows(lexicon_dir() / "urgent_lines.tsv", 3):
        if code not in SITUATION_CODES:
            raise LexiconError(f"urgent_lines.tsv:{number}: unknown situation {code!r}")
        out[code].append(line)
    return {code: tuple(lines) for code, lines in out.items()}


@cache
def cues() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for number, (kind, word, _note) in _rows(lexicon_dir() / "cues.tsv", 3):
        if kind not in CUE_KINDS:
            raise LexiconError(f"cues.tsv:{number}: unknown kind {kind!r}")
        out[kind].add(word)
    return {kind: frozenset(out.get(kind, ())) for kind in CUE_KINDS}


@cache
def who_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """kind → key → expressions (asking_for / age / channel)."""
    out: dict[str, dict[str, list[str]]] = {kind: defaultdict(list) for kind in WHO_KINDS}
    for number, (kind, key, expression, _note) in _rows(lexicon_dir() / "who.tsv", 4):
        if kind not in WHO_KINDS or key not in WHO_KINDS[kind]:
            raise LexiconError(f"who.tsv:{number}: unknown kind or key {kind}/{key}")
        out[kind][key].append(expression)
    return {kind: {k: tuple(v) for k, v in table.items()} for kind, table in out.items()}


@cache
def crisis_exceptions() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for _number, (expression, word, _note) in _rows(lexicon_dir() / "exceptions.tsv", 3):
        out[expression].append(word)
    return {k: tuple(v) for k, v in out.items()}


LOADERS = (
    "worry_entries",
    "urgent_entries",
    "warning_entries",
    "urgent_lines",
    "cues",
    "who_words",
    "crisis_exceptions",
)


def clear() -> None:
    """Forget what was read, so that the next use reads the files again."""
    for name in LOADERS:
        globals()[name].cache_clear()


def problems() -> list[str]:
    """Everything wrong with the lexicon, for ``check_lexicon`` and the system check."""
    from tsunagari.navigator.matching import unmatchable

    found: list[str] = []
    clear()
    for name in LOADERS:
        try:
            globals()[name]()
        except (LexiconError, OSError) as error:
            found.append(str(error))
    if found:
        clear()
        return found
    seen: dict[tuple[str, str, str], Entry] = {}
    for entry in worry_entries() + urgent_entries() + warning_entries():
        # The same words in two files of needs are allowed (they weigh different needs);
        # twice in one file is a slip.
        key = (entry.file, entry.expression, entry.kind + ",".join(sorted(entry.flags)))
        if key in seen:
            first = seen[key]
            found.append(
                f"{entry.file}:{entry.line}: {entry.expression!r} is already on line {first.line}"
            )
        else:
            seen[key] = entry
    for entry in worry_entries() + urgent_entries() + warning_entries():
        reason = unmatchable(entry)
        if reason:
            found.append(f"{entry.file}:{entry.line}: {entry.expression!r} {reason}")
    known_lines = _sourced_line_names()
    from tsunagari.navigator.urgent import line_names

    for code, names in urgent_lines().items():
        for name in names:
            missing = [n for n in line_names(name, "") if n not in known_lines]
            if missing and len(missing) == len(line_names(name, "")):
                found.append(f"urgent_lines.tsv: {code}: {name!r} is not a sourced line")
    for expression in crisis_exceptions():
        if not any(e.expression == expression for e in worry_entries() if e.crisis):
            found.append(f"exceptions.tsv: {expression!r} is not a crisis expression")
    return found


def _sourced_line_names() -> set[str]:
    from tsunagari.core.crisis import sourced_lines

    return {line.name for line in sourced_lines()}
