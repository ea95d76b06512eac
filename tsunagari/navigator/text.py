"""Reading a worry: the entry point, :func:`understand`.

One question passes through these steps, each in its own module:

1. ``tokens.py``     clean the text (control characters out, NFKC, net spellings);
                     the first :data:`ANALYSED_CHARS` are read for needs, and all of it
                     (up to :data:`SCANNED_CHARS`) is scanned for crisis and urgent signs.
2. ``sentences.py``  cut it into sentences.
3. ``matching.py``   per sentence: Sudachi tokens, then the lexicon (``lexicon/``)
                     matched by lemma, reading, surface, slips and other languages,
                     with negation and hyperbole.
4. ``scope.py``      per sign: whose (the writer, someone else, people in general),
                     when (now or long over), a topic (news, a film, statistics).
5. ``learned.py``    the learned reader: per-sentence crisis and urgent scores and
                     per-text need scores from sentence embeddings.
6. here              combine both readers (weights in ``weights.py``) into an
                     :class:`Understanding`, with what each reader said.

Safety rule: a crisis found by either reader opens the answer with the 24-hour
lines, wherever in the text the sign is. When unsure, err towards showing help.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from tsunagari.directory.needs import CRISIS_NEED, NEED_CODES
from tsunagari.navigator import learned, scope, weights
from tsunagari.navigator.matching import (
    Expression,
    Hit,
    find_hits,
    load_thesaurus,
    load_urgent,
    load_warnings,
    match_lemmas,
    word_lists,
)
from tsunagari.navigator.sentences import Sentence, split
from tsunagari.navigator.tokens import Token, clean, romaji_to_kana, tokenize
from tsunagari.navigator.urgent import SITUATION_CODES, SITUATIONS_BY_CODE

ANALYSED_CHARS = 2000
SCANNED_CHARS = 10_000
MAX_CHARS = ANALYSED_CHARS  # what the answer page says it read

__all__ = [
    "ANALYSED_CHARS",
    "MAX_CHARS",
    "SCANNED_CHARS",
    "NeedScore",
    "Sign",
    "Understanding",
    "clean",
    "understand",
    "warm_up",
]


@dataclass(frozen=True)
class NeedScore:
    code: str
    score: float
    because: tuple[str, ...]


@dataclass(frozen=True)
class Sign:
    """A crisis or urgent sign, as the word rules read it, for the explanation."""

    words: str
    sentence: int
    verdict: str  # crisis | other_at_risk | warning | negated | hyperbole | topic | grief | past | people | thing | urgent:<code> | weak:<code>


@dataclass(frozen=True)
class Understanding:
    text: str
    trimmed: bool  # longer than what was read for needs (crisis signs were still scanned)
    crisis: bool
    needs: tuple[NeedScore, ...]
    asking_for: str  # self | family | friend | supporter
    age_group: str  # "" | child | youth | elderly
    channels: tuple[str, ...]  # preferred channels, "text" expanded
    language: str  # "ja" or "other": the answer's language, never a need by itself
    negated_crisis: bool = False
    crisis_about: str = "self"  # self | other: whose life is at risk
    urgent: tuple[str, ...] = ()
    signs: tuple[Sign, ...] = ()
    rules_crisis: bool = False
    learned_crisis: float | None = None  # the highest sentence score, None without the model
    learned_needs: dict[str, float] = field(default_factory=dict)
    sentences: int = 0


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


def _pick(tokens: list[Token], kind: str) -> list[str]:
    return [
        key for key, seqs in word_lists(kind).items() if any(_contains(tokens, e) for e in seqs)
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
    if kana == 0 and japanese > 0 and len(text) > 3:
        return "other"  # Chinese: hanzi with no kana at all
    return "ja"


def learned_may_raise(sentence: str, previous: str = "") -> bool:
    """The learned reader may raise a crisis only where a word could carry one (cues.tsv,
    risk, in Japanese and the other languages of Sakai's residents), in the sentence or in
    the one just before it: Japanese leaves out what was just said, so in
    「生きる意味がわからない。もう終わりにしたい」 the second sentence ends the first one's life."""
    return scope.names_risk(sentence) or bool(previous and scope.names_risk(previous))


def reply_language(text: str) -> str:
    """The interface language to answer in: "en" for a question in Latin letters that is not
    romaji Japanese (English, Portuguese, Vietnamese … read English more easily than
    Japanese), else "" (keep the person's interface language)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ""
    latin = sum(
        1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff"
    )
    if latin < 0.8 * len(letters) or romaji_to_kana(text):
        return ""
    return "en"


@dataclass
class _Reading:
    """What the word rules found, sentence by sentence."""

    raw: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    because: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    signs: list[Sign] = field(default_factory=list)
    crisis_sentences: set[int] = field(default_factory=set)
    vetoed_sentences: set[int] = field(default_factory=set)
    about_other: bool = False
    negated: bool = False
    urgent: dict[str, int] = field(default_factory=dict)  # code → sentence
    warnings: dict[str, list[tuple[int, str, bool]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # group → (sentence, words, about someone else)
    tokens: list[Token] = field(default_factory=list)
    loss: bool = False  # the text names a death (scope.names_a_loss)
    departure: bool = False  # the text names an ordinary leaving (scope.names_a_departure)

    def counts(self, expr: Expression) -> bool:
        """「母のところへ行こう」 (flag after_loss) is a visit unless the text names a death."""
        return self.loss or "after_loss" not in expr.flags


def _crisis_verdict(hit: Hit, sentence: str, tokens: list[Token]) -> str:
    if hit.negated:
        return "negated"
    if hit.hyperbole:
        return "hyperbole"
    if hit.topic:
        return "topic"
    if hit.bereaved:
        return "grief"
    if hit.start_token < 0:
        # Other languages: the words, unless the sentence is plainly about news or a story.
        if scope.foreign_topic(sentence):
            return "topic"
        return "grief" if scope.foreign_grief(sentence) else "crisis"
    start, end = tokens[hit.start_token].start, tokens[hit.end_token].end
    if "言う" in hit.expression.text and sentence[end : end + 2] in ("こと", "事"):
        return "topic"  # 「死ぬっていうこと」: "that means dying", not someone saying it
    if scope.names_a_death(sentence[start : end + 8]):
        return "grief"
    if scope.noun_without_intent(sentence[start:end], sentence, end):
        return "topic"
    judged = scope.judge(sentence, tokens, start, end)
    if judged.topic:
        return "topic"
    if judged.whose == "people":
        return "people"
    if judged.past:
        return "past"
    if judged.whose == "other":
        return "grief" if scope.happened_to_someone(sentence, end) else "other_at_risk"
    if scope.thing_as_subject(sentence, tokens, hit.start_token):
        return "thing"  # 「痛みが消えたら」: the pain goes, not the person
    return "crisis"


def _read_sentence(index: int, sentence: Sentence, reading: _Reading, *, for_needs: bool) -> None:
    text = sentence.text
    kana = romaji_to_kana(text)
    analysed = f"{text} {kana}" if kana else text
    tokens = tokenize(analysed)
    if for_needs:
        reading.tokens.extend(tokens)
    for group in _span_groups(find_hits(analysed, tokens)):
        found: dict[str, float] = {}
        words = group[0].words
        for hit in group:
            expr = hit.expression
            if not reading.counts(expr):
                continue
            if expr.crisis:
                verdict = _crisis_verdict(hit, analysed, tokens)
                reading.signs.append(Sign(hit.words, index, verdict))
                if verdict in ("crisis", "other_at_risk"):
                    reading.crisis_sentences.add(index)
                    reading.about_other = reading.about_other or verdict == "other_at_risk"
                    for code, weight in expr.weights:
                        found[code] = max(found.get(code, 0.0), weight)
                    continue
                reading.vetoed_sentences.add(index)
                reading.negated = reading.negated or verdict == "negated"
                for code, weight in weights.VETOED_CRISIS[verdict]:
                    found[code] = max(found.get(code, 0.0), weight)
                continue
            if hit.negated:
                continue
            for code, weight in expr.weights:
                weight = weight * weights.SLIP if hit.slip else weight
                found[code] = max(found.get(code, 0.0), weight)
        if for_needs or CRISIS_NEED in found:
            for code, weight in found.items():
                reading.raw[code] += weight
                if words and words not in reading.because[code]:
                    reading.because[code].append(words)
    if for_needs and scope.worries_after_own_death(text):
        # 「私たちが死んだらこの子は」: a family's worry about who will care (親亡き後).
        for code, weight in weights.AFTER_OWN_DEATH:
            reading.raw[code] += weight
            reading.because[code].append(text[:40])
    _read_urgent(index, analysed, tokens, reading)
    _read_warnings(index, analysed, tokens, reading)


def _read_warnings(index: int, text: str, tokens: list[Token], reading: _Reading) -> None:
    """Warning signs (warnings.tsv): kept with whose they are; :func:`_warning_crisis`
    decides whether together they make a crisis."""
    for hit in find_hits(text, tokens, load_warnings()):
        if hit.negated or not reading.counts(hit.expression):
            continue
        about_other = False
        if hit.start_token >= 0:
            judged = scope.judge(
                text, tokens, tokens[hit.start_token].start, tokens[hit.end_token].end
            )
            if judged.topic or judged.past or judged.whose == "people":
                continue
            about_other = judged.whose == "other"
        elif scope.foreign_topic(text):
            continue
        group = hit.expression.weights[0][0]
        reading.warnings[group].append((index, hit.words, about_other))


def _warning_crisis(reading: _Reading) -> list[tuple[int, str, bool]]:
    """Signs of two warning groups, one of them able to start a crisis: a goodbye and a
    burden, getting pills ready and hopelessness, a platform and 「私なんか」."""
    groups = {group for group, found in reading.warnings.items() if found}
    if reading.departure and groups <= {"goodbye", "preparing"}:
        # A move into a care home or back home explains farewells and clearing up; a third
        # kind of sign beside them (the wish to end it, a method) still counts.
        return []
    if groups == {"method"} and reading.raw.get("mental", 0.0) >= weights.METHOD_WITH_LOW_MOOD:
        # Looking down from a balcony, or pills put aside, in a text of sleepless nights: a
        # way to die in a life that hurts, even with no second sign.
        return list(reading.warnings["method"])
    if len(groups) < 2 or not groups & set(weights.WARNING_STARTS):
        return []
    return [sign for group in sorted(groups) for sign in reading.warnings[group]]


def _read_urgent(index: int, text: str, tokens: list[Token], reading: _Reading) -> None:
    for hit in find_hits(text, tokens, load_urgent()):
        if hit.negated:
            continue
        code = hit.expression.weights[0][0]
        if hit.start_token >= 0:
            judged = scope.judge(
                text, tokens, tokens[hit.start_token].start, tokens[hit.end_token].end
            )
            if not judged.real_now or scope.names_long_ago(text):
                continue
        weak = "weak" in hit.expression.flags
        if weak and not scope.names_now(text):
            reading.signs.append(Sign(hit.words, index, f"weak:{code}"))
            continue
        reading.signs.append(Sign(hit.words, index, f"urgent:{code}"))
        reading.urgent.setdefault(code, index)


def _alone(text: str) -> bool:
    """A bare cry (「死ぬ」「しね」): the whole text is one sign and nothing else."""
    bare = "".join(c for c in text if c.isalnum())
    return any(bare == expr.surface or bare == expr.text for expr in load_thesaurus().alone)


def understand(raw: str | None, *, learned_reader: bool = True) -> Understanding:
    cleaned = clean(raw, limit=SCANNED_CHARS)
    text = cleaned.text
    sentences = split(text)
    reading = _Reading(loss=scope.names_a_loss(text), departure=scope.names_a_departure(text))
    analysed = 0
    for index, sentence in enumerate(sentences):
        for_needs = sentence.start < ANALYSED_CHARS
        analysed += for_needs
        _read_sentence(index, sentence, reading, for_needs=for_needs)
    # Weak signs of a situation, as (sentence, code): two of one situation (倒れた +
    # 返事がない) say more than one, and the learned reader may confirm one.
    weak = [
        (s.sentence, s.verdict.split(":")[1])
        for s in reading.signs
        if s.verdict.startswith("weak:")
    ]
    for code in {code for _, code in weak}:
        if sum(1 for _, c in weak if c == code) >= 2:
            reading.urgent.setdefault(code, -1)

    # An urgent situation is also about its needs (violence now → abuse, family).
    for code in reading.urgent:
        for rank, need in enumerate(SITUATIONS_BY_CODE[code].needs):
            reading.raw[need] = max(reading.raw[need], weights.URGENT_NEED - 0.3 * rank)

    for index, words, about_other in _warning_crisis(reading):
        reading.signs.append(Sign(words, index, "other_at_risk" if about_other else "warning"))
        reading.crisis_sentences.add(index)
        reading.about_other = reading.about_other or about_other
        reading.because[CRISIS_NEED].append(words)

    if _alone(text):
        reading.crisis_sentences.add(0)
        reading.raw[CRISIS_NEED] += weights.CRISIS_WORD
        reading.because[CRISIS_NEED].append(text)

    # The learned reader, over every sentence scanned.
    model = learned.read([s.text for s in sentences], analysed=analysed) if learned_reader else None
    learned_crisis: set[int] = set()
    learned_needs: dict[str, float] = {}
    if model is not None:
        # A warning sign that can start a crisis (a goodbye, getting ready, a method, the
        # wish to end it) is also a word that can carry one; tiredness and 「私なんか」 are not.
        warned = {
            sign[0]
            for group, found in reading.warnings.items()
            if group in weights.WARNING_STARTS
            for sign in found
        }
        for index, p in enumerate(model.crisis):
            previous = sentences[index - 1].text if index else ""
            if index not in warned and not learned_may_raise(sentences[index].text, previous):
                continue
            set_aside = index in reading.vetoed_sentences or scope.worries_after_own_death(
                sentences[index].text
            )
            threshold = (
                weights.LEARNED_CRISIS_VETOED
                if set_aside
                else max(model.crisis_threshold, weights.LEARNED_CRISIS_ALONE)
            )
            if p >= threshold:
                learned_crisis.add(index)
        for index, found in enumerate(model.urgent):
            sentence_text = sentences[index].text
            for code, p in found.items():
                if p < weights.LEARNED_URGENT_FLOOR:
                    continue
                confirms = (index, code) in weak
                sure_now = p >= weights.LEARNED_URGENT_ALONE and scope.names_now(sentence_text)
                if (confirms or sure_now) and scope.judge(sentence_text, [], 0, 0).real_now:
                    reading.urgent.setdefault(code, index)
        learned_needs = model.needs
        for code, p in model.needs.items():
            if code == CRISIS_NEED:
                continue  # the suicide need comes from a crisis decision only
            lift = weights.LEARNED_NEED * max(0.0, p - weights.LEARNED_NEED_FLOOR)
            if lift > 0:
                reading.raw[code] += lift

    crisis = bool(reading.crisis_sentences or learned_crisis)
    if crisis and reading.raw[CRISIS_NEED] < weights.CRISIS_WORD:
        reading.raw[CRISIS_NEED] = weights.CRISIS_WORD
    if learned_crisis and not reading.because[CRISIS_NEED]:
        first = min(learned_crisis)
        reading.because[CRISIS_NEED].append(sentences[first].text[:40])

    language = _language(text)
    if language == "other" and max(reading.raw.values(), default=0.0) < weights.NEED_FLOOR:
        # Nothing understood in another language: the multilingual desks can hear it.
        reading.raw["foreign"] += weights.FOREIGN_FALLBACK
    concrete = max(
        (v for c, v in reading.raw.items() if c not in weights.GENERIC_NEEDS), default=0.0
    )
    if concrete >= weights.CONCRETE_FLOOR:
        # How one feels runs through every worry; where a life matter is named too, its
        # desk is the one that can change something (low mood after a job loss: work first).
        for code in weights.GENERIC_NEEDS:
            if code in reading.raw and not (crisis and code == CRISIS_NEED):
                reading.raw[code] *= weights.GENERIC_DISCOUNT
    needs = sorted(
        (
            NeedScore(code, round(1 - math.exp(-value), 2), tuple(reading.because[code][:4]))
            for code, value in reading.raw.items()
            if value >= weights.NEED_FLOOR
        ),
        key=lambda n: (-n.score, NEED_CODES.index(n.code)),
    )
    if crisis:
        # Crisis first, always: whatever else matched, the suicide need leads.
        needs.sort(key=lambda n: n.code != CRISIS_NEED)

    tokens = reading.tokens
    asking = _pick(tokens, "asking_for")
    if "supporter" in asking:
        asking_for = "supporter"
    elif "family" in asking or reading.about_other:
        asking_for = "family"
    elif "friend" in asking:
        asking_for = "friend"
    else:
        asking_for = "self"
    self_crisis = any(s.verdict in ("crisis", "warning") for s in reading.signs) or bool(
        learned_crisis - {s.sentence for s in reading.signs if s.verdict == "other_at_risk"}
    )
    ages = _pick(tokens, "age")
    channels = _pick(tokens, "channel")
    if "text" in channels:
        channels = [c for c in channels if c not in ("phone", "text")] + ["chat", "sns", "mail"]
    urgent = tuple(code for code in SITUATION_CODES if code in reading.urgent)
    return Understanding(
        text=text[:ANALYSED_CHARS].strip()
        if cleaned.trimmed or len(text) > ANALYSED_CHARS
        else text,
        trimmed=len(text) > ANALYSED_CHARS or cleaned.trimmed,
        crisis=crisis,
        needs=tuple(needs),
        asking_for=asking_for,
        age_group=ages[0] if ages else "",
        channels=tuple(dict.fromkeys(channels)),
        language=language,
        negated_crisis=reading.negated and not crisis,
        crisis_about="other" if crisis and reading.about_other and not self_crisis else "self",
        urgent=urgent,
        signs=tuple(reading.signs),
        rules_crisis=bool(reading.crisis_sentences),
        learned_crisis=model.crisis_max if model is not None else None,
        learned_needs=learned_needs,
        sentences=len(sentences),
    )


def warm_up() -> None:
    """Load the dictionary, the lexicon and the learned reader (first request stays fast)."""
    load_thesaurus()
    load_urgent()
    for kind in ("asking_for", "age", "channel"):
        word_lists(kind)
    learned.warm_up()
    understand("ねむれない")
